package io.nereid.graph.dict;

import java.util.HashMap;
import java.util.Map;

/** An in-memory dictionary for codec tests; counts the calls that reach it. */
public final class MapDictionary implements Dictionary {

  private final Map<String, Long> terms = new HashMap<>();
  private final Map<Long, String> strings = new HashMap<>();
  public int calls;

  @Override
  public synchronized long intern(String s) {
    calls++;
    return terms.computeIfAbsent(
        s,
        k -> {
          long t = terms.size() + 1;
          strings.put(t, k);
          return t;
        });
  }

  @Override
  public synchronized long lookup(String s) {
    calls++;
    return terms.getOrDefault(s, ABSENT);
  }

  @Override
  public synchronized String string(long term) {
    calls++;
    String s = strings.get(term);
    if (s == null) {
      throw new IllegalStateException("no term " + term);
    }
    return s;
  }
}
