package io.nereid.gremlin.server.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.TraversalParent;
import org.apache.tinkerpop.gremlin.process.traversal.step.sideEffect.ProfileSideEffectStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.ProfileStep;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalExplanation;
import org.javatuples.Pair;

/**
 * The plain-text reports of {@code /gremlin/explain} and {@code /gremlin/profile}, laid out as
 * Neptune's: a banner, then titled sections. The plan sections are the same for both: the
 * traversal as written, after Nereid's strategies replaced TinkerPop steps by Nereid steps
 * ("Converted"), and after all strategies ("Optimized"), then each Nereid step with the key ranges
 * it scans and the steps that stay plain TinkerPop steps (Neptune's "not converted" hint).
 */
final class QueryReport {

  private static final String STARS = "*".repeat(55);
  private static final String NEREID_PACKAGE = "io.nereid.";

  private final StringBuilder out = new StringBuilder();

  QueryReport(String title) {
    int pad = Math.max(0, (STARS.length() - title.length()) / 2);
    out.append(STARS).append('\n')
        .append(" ".repeat(pad)).append(title).append('\n')
        .append(STARS).append('\n');
  }

  QueryReport section(String title, String body) {
    out.append('\n').append(title).append('\n').append("=".repeat(title.length())).append('\n');
    out.append(body.endsWith("\n") ? body : body + "\n");
    return this;
  }

  /**
   * The plan sections of a traversal that has not been iterated. The strategies are applied to
   * copies, one at a time, as {@code explain()} does: nothing is read or written.
   */
  QueryReport plan(String queryString, TraversalScript script, Traversal.Admin<?, ?> traversal) {
    TraversalExplanation explanation = new TraversalExplanation(traversal);
    Traversal.Admin<?, ?> optimized = explanation.getOriginalTraversal();
    Traversal.Admin<?, ?> converted = null;
    for (Pair<TraversalStrategy, Traversal.Admin<?, ?>> step : explanation.getStrategyTraversals()) {
      optimized = step.getValue1();
      if (isNereid(step.getValue0())) {
        converted = step.getValue1();
      }
    }
    section("Query String", queryString);
    script.terminalStep().ifPresent(t -> out.append("(terminal step ").append(t)
        .append(" left out: the report iterates the traversal itself, or not at all)\n"));
    section("Original Traversal", explanation.getOriginalTraversal().toString());
    section("Converted Traversal", converted == null
        ? "(no Nereid strategy applies to this traversal)" : converted.toString());
    section("Optimized Traversal", optimized.toString());
    section("Nereid Steps", nereidSteps(optimized));
    section("Plain TinkerPop Steps", plainSteps(optimized));
    return this;
  }

  String text() {
    return out.toString();
  }

  /** Each Nereid step of the traversal and its children, with its access path. */
  static String nereidSteps(Traversal.Admin<?, ?> traversal) {
    List<String> lines = new ArrayList<>();
    for (Step<?, ?> s : allSteps(traversal)) {
      if (isNereid(s)) {
        lines.add(s.toString());
      }
    }
    return lines.isEmpty()
        ? "none: every step runs as a TinkerPop step over Nereid's element iterators"
        : String.join("\n", lines);
  }

  /** The steps that run as TinkerPop's own, by class, as Neptune's "not converted" line. */
  static String plainSteps(Traversal.Admin<?, ?> traversal) {
    Set<String> plain = new LinkedHashSet<>();
    for (Step<?, ?> s : allSteps(traversal)) {
      if (!isNereid(s) && !(s instanceof ProfileStep) && !(s instanceof ProfileSideEffectStep)) {
        plain.add(s.getClass().getSimpleName());
      }
    }
    return plain.isEmpty()
        ? "none: every step was converted into a Nereid step"
        : "+ not converted into Nereid steps: " + plain;
  }

  /** The steps of a traversal and, depth first, of the traversals its steps hold. */
  static List<Step<?, ?>> allSteps(Traversal.Admin<?, ?> traversal) {
    List<Step<?, ?>> all = new ArrayList<>();
    collect(traversal, all);
    return all;
  }

  private static void collect(Traversal.Admin<?, ?> traversal, List<Step<?, ?>> into) {
    for (Step<?, ?> s : traversal.getSteps()) {
      into.add(s);
      if (s instanceof TraversalParent parent) {
        for (Traversal.Admin<?, ?> child : parent.getGlobalChildren()) {
          collect(child, into);
        }
        for (Traversal.Admin<?, ?> child : parent.getLocalChildren()) {
          collect(child, into);
        }
      }
    }
  }

  static boolean isNereid(Object stepOrStrategy) {
    return stepOrStrategy.getClass().getName().startsWith(NEREID_PACKAGE);
  }

  /** Text cut at {@code max} characters (none if max is 0), marked where it was cut. */
  static String chop(String text, int max) {
    return max <= 0 || text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
