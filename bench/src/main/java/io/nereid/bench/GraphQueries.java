package io.nereid.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Element;

/**
 * The queries of the {@code graph} benchmark: identical Gremlin for both graphs, each run through a
 * {@link GraphTraversalSource} of its graph and drained with {@code toList()} (which also closes
 * the traversal). Per-vertex queries take the i-th sampled person, city or name.
 */
final class GraphQueries {

  private GraphQueries() {}

  /** Per-vertex queries (target: at most 2 × TinkerGraph) or full scans (at most 3 ×). */
  enum Kind {
    PER_VERTEX(2.0),
    FULL_SCAN(3.0);

    final double target;

    Kind(double target) {
      this.target = target;
    }
  }

  /** The start points: sampled person ids, city ids and person names (all of the same length). */
  record Samples(String[] persons, String[] cities, String[] names) {
    int size() {
      return persons.length;
    }
  }

  /** Runs the query for sample {@code i} and returns all its results. */
  interface Body {
    List<?> run(GraphTraversalSource g, Samples s, int i);
  }

  /**
   * One query.
   *
   * @param key short name (log, checks)
   * @param title the table's label
   * @param gremlin the traversal as written
   * @param kind per-vertex or full scan
   * @param perSample true: one call per sample and round; false: {@code scanRuns} calls per round
   * @param body the traversal
   * @param canonical a comparable form of the results (equal on both graphs when they agree)
   * @param size a number describing the result (a count, a result size), for the report
   */
  record Query(
      String key,
      String title,
      String gremlin,
      Kind kind,
      boolean perSample,
      Body body,
      Function<List<?>, Object> canonical,
      Function<List<?>, Double> size) {

    int calls(GraphParams p, Samples s) {
      return perSample ? s.size() : p.scanRuns();
    }
  }

  static List<Query> all(int sinceAfter) {
    return List.of(
        new Query("point-read", "Point read, all properties", "g.V(id).valueMap()",
            Kind.PER_VERTEX, true,
            GraphQueries::pointRead,
            GraphQueries::canonicalMaps, r -> (double) ((Map<?, ?>) r.get(0)).size()),
        new Query("out-count", "1-hop count", "g.V(id).out('knows').count()",
            Kind.PER_VERTEX, true,
            GraphQueries::outCount,
            GraphQueries::single, GraphQueries::number),
        new Query("two-hop", "2-hop dedup count", "g.V(id).out('knows').out('knows').dedup().count()",
            Kind.PER_VERTEX, true,
            GraphQueries::twoHop,
            GraphQueries::single, GraphQueries::number),
        new Query("by-name", "Lookup by name", "g.V().has('person','name',name)",
            Kind.PER_VERTEX, true,
            GraphQueries::byName,
            GraphQueries::sortedIds, r -> (double) r.size()),
        new Query("city-in-count", "In-edges of a city, count", "g.V(cityId).inE('livesIn').count()",
            Kind.PER_VERTEX, true,
            GraphQueries::cityInCount,
            GraphQueries::single, GraphQueries::number),
        new Query("city-in-edges", "In-edges of a city, list", "g.V(cityId).inE('livesIn').toList()",
            Kind.PER_VERTEX, true,
            GraphQueries::cityInEdges,
            GraphQueries::sortedIds, r -> (double) r.size()),
        new Query("since-limit", "Edge-property filter, limit 5",
            "g.V(id).outE('knows').has('since', gt(" + sinceAfter + ")).limit(5)",
            Kind.PER_VERTEX, true,
            (g, s, i) -> sinceLimit(g, s.persons()[i], sinceAfter),
            // Which 5 edges come first depends on each graph's adjacency order: compare how
            // many; the harness checks separately that each one returned matches the filter.
            r -> r.size(), r -> (double) r.size()),
        new Query("mean-age", "Full scan: mean age", "g.V().hasLabel('person').values('age').mean()",
            Kind.FULL_SCAN, false,
            GraphQueries::meanAge,
            r -> Math.round(((Number) r.get(0)).doubleValue() * 1e6), GraphQueries::number),
        new Query("edge-count", "Edge count", "g.E().count()",
            Kind.FULL_SCAN, true,
            GraphQueries::edgeCount,
            GraphQueries::single, GraphQueries::number));
  }

  // The bodies, as named methods so that profiles show which query a sample belongs to.

  static List<?> pointRead(GraphTraversalSource g, Samples s, int i) {
    return g.V(s.persons()[i]).valueMap().toList();
  }

  static List<?> outCount(GraphTraversalSource g, Samples s, int i) {
    return g.V(s.persons()[i]).out("knows").count().toList();
  }

  static List<?> twoHop(GraphTraversalSource g, Samples s, int i) {
    return g.V(s.persons()[i]).out("knows").out("knows").dedup().count().toList();
  }

  static List<?> byName(GraphTraversalSource g, Samples s, int i) {
    return g.V().has("person", "name", s.names()[i]).toList();
  }

  static List<?> cityInCount(GraphTraversalSource g, Samples s, int i) {
    return g.V(s.cities()[i]).inE("livesIn").count().toList();
  }

  static List<?> cityInEdges(GraphTraversalSource g, Samples s, int i) {
    return g.V(s.cities()[i]).inE("livesIn").toList();
  }

  static List<?> sinceLimit(GraphTraversalSource g, String person, int sinceAfter) {
    return g.V(person).outE("knows").has("since", P.gt(sinceAfter)).limit(5).toList();
  }

  static List<?> meanAge(GraphTraversalSource g, Samples s, int i) {
    return g.V().hasLabel("person").values("age").mean().toList();
  }

  static List<?> edgeCount(GraphTraversalSource g, Samples s, int i) {
    return g.E().count().toList();
  }

  /**
   * The edges {@code since-limit} may return for sample {@code i}: the ids of every out-edge of the
   * person that passes the filter (no limit).
   */
  static List<Object> sinceCandidates(GraphTraversalSource g, Samples s, int i, int sinceAfter) {
    return g.V(s.persons()[i]).outE("knows").has("since", P.gt(sinceAfter)).id().toList();
  }

  private static Object single(List<?> r) {
    if (r.size() != 1) {
      throw new IllegalStateException("expected one result, got " + r);
    }
    return r.get(0);
  }

  private static Double number(List<?> r) {
    return ((Number) single(r)).doubleValue();
  }

  private static Object canonicalMaps(List<?> r) {
    List<Object> out = new ArrayList<>(r.size());
    for (Object m : r) {
      TreeMap<String, Object> t = new TreeMap<>();
      ((Map<?, ?>) m).forEach((k, v) -> t.put(String.valueOf(k), v));
      out.add(t);
    }
    return out;
  }

  private static Object sortedIds(List<?> r) {
    List<String> ids = new ArrayList<>(r.size());
    for (Object e : r) {
      ids.add(String.valueOf(((Element) e).id()));
    }
    ids.sort(null);
    return ids;
  }

  /** A checksum of a canonical result (stable across JVMs for the types used here). */
  static long hash(Object canonical) {
    return Objects.hashCode(canonical);
  }
}
