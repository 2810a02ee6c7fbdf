package io.nereid.graph.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a {@link ConsistencyChecker} run found: problems (the first few kept) and entry counts. */
public final class ConsistencyReport {

  static final int MAX_KEPT = 1000;

  private final List<String> problems = new ArrayList<>();
  private long problemCount;
  private final Map<String, Long> counts = new LinkedHashMap<>();

  void problem(String message) {
    problemCount++;
    if (problems.size() < MAX_KEPT) {
      problems.add(message);
    }
  }

  void count(String what) {
    counts.merge(what, 1L, Long::sum);
  }

  public boolean isConsistent() {
    return problemCount == 0;
  }

  /** The first {@value #MAX_KEPT} problems. */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  public long problemCount() {
    return problemCount;
  }

  /** Entries walked per key space (and elements per kind). */
  public Map<String, Long> counts() {
    return Collections.unmodifiableMap(counts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(isConsistent() ? "CONSISTENT" : "INCONSISTENT: " + problemCount + " problem(s)");
    sb.append('\n').append("walked ").append(counts).append('\n');
    for (String p : problems) {
      sb.append("  ").append(p).append('\n');
    }
    if (problemCount > problems.size()) {
      sb.append("  ... and ").append(problemCount - problems.size()).append(" more\n");
    }
    return sb.toString();
  }
}
