package io.nereid.graph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.Direction;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphReader;
import io.nereid.graph.PropertyRecord;
import io.nereid.graph.ValueRange;
import io.nereid.graph.VertexPropertyRecord;
import io.nereid.graph.VertexRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Compares everything a reader can see with the model: elements, properties, adjacency, indexes, counts. */
final class ModelComparison {

  static final List<String> VERTEX_LABELS = List.of("person", "software", "place");
  static final List<String> EDGE_LABELS = List.of("knows", "created", "likes");
  static final List<String> VERTEX_KEYS = List.of("name", "age", "tag", "w");
  static final List<String> EDGE_KEYS = List.of("weight", "name", "since");
  static final List<String> META_KEYS = List.of("since", "by");

  private final GraphReader r;
  private final GraphModel m;
  private final Random rnd;
  private final String where;

  ModelComparison(GraphReader r, GraphModel m, Random rnd, String where) {
    this.r = r;
    this.m = m;
    this.rnd = rnd;
    this.where = where;
  }

  void compareAll() {
    counts();
    globalScans();
    m.vertices.values().forEach(this::vertex);
    m.edges.values().forEach(this::edge);
    propertyIndex();
    ranges();
  }

  private void counts() {
    assertEquals(m.vertices.size(), r.vertexCount(), where + ": vertex count");
    assertEquals(m.edges.size(), r.edgeCount(), where + ": edge count");
    for (String l : VERTEX_LABELS) {
      long n = m.vertices.values().stream().filter(v -> v.label.equals(l)).count();
      assertEquals(n, r.vertexCount(l), where + ": vertices labelled " + l);
    }
    for (String l : EDGE_LABELS) {
      long n = m.edges.values().stream().filter(e -> e.label.equals(l)).count();
      assertEquals(n, r.edgeCount(l), where + ": edges labelled " + l);
    }
    for (String k : VERTEX_KEYS) {
      long n = m.vertices.values().stream().flatMap(v -> v.props.stream()).filter(p -> p.key.equals(k)).count();
      assertEquals(n, r.vertexPropertyCount(k), where + ": vertex properties " + k);
    }
    for (String k : EDGE_KEYS) {
      long n = m.edges.values().stream().filter(e -> e.props.containsKey(k)).count();
      assertEquals(n, r.edgePropertyCount(k), where + ": edge properties " + k);
    }
    for (String k : META_KEYS) {
      long n = m.vertices.values().stream().flatMap(v -> v.props.stream()).filter(p -> p.meta.containsKey(k)).count();
      assertEquals(n, r.metaPropertyCount(k), where + ": meta-properties " + k);
    }
  }

  private void globalScans() {
    Set<String> expected = m.vertices.values().stream().map(v -> v.ext + "/" + v.label + "/" + v.id).collect(Collectors.toSet());
    List<VertexRecord> all = r.vertices().toList();
    assertEquals(expected.size(), all.size(), where + ": g.V() size");
    assertEquals(expected, all.stream().map(v -> v.externalId() + "/" + v.label() + "/" + v.id()).collect(Collectors.toSet()), where + ": g.V()");
    for (String l : VERTEX_LABELS) {
      Set<String> exp = m.vertices.values().stream().filter(v -> v.label.equals(l)).map(v -> v.ext).collect(Collectors.toSet());
      assertEquals(exp, exts(r.verticesByLabel(l).toList()), where + ": hasLabel " + l);
    }
    Set<String> edges = m.edges.values().stream().map(this::edgeString).collect(Collectors.toSet());
    List<EdgeRecord> allEdges = r.edges().toList();
    assertEquals(edges.size(), allEdges.size(), where + ": g.E() size");
    assertEquals(edges, allEdges.stream().map(this::edgeString).collect(Collectors.toSet()), where + ": g.E()");
    for (String l : EDGE_LABELS) {
      Set<String> exp = m.edges.values().stream().filter(e -> e.label.equals(l)).map(e -> e.ext).collect(Collectors.toSet());
      assertEquals(exp, edgeExts(r.edgesByLabel(l).toList()), where + ": g.E().hasLabel " + l);
    }
  }

  private void vertex(GraphModel.Vertex v) {
    String at = where + ": vertex " + v.ext;
    assertEquals(v.id, r.vertexId(v.ext), at);
    assertEquals(new VertexRecord(v.id, v.ext, v.label), r.vertex(v.ext).orElseThrow(), at);
    Map<Long, String> expectedProps = new HashMap<>();
    v.props.forEach(p -> expectedProps.put(p.id, p.key + "=" + show(p.value)));
    Map<Long, String> actualProps = new HashMap<>();
    for (VertexPropertyRecord p : r.vertexProperties(v.id).toList()) {
      assertEquals(v.id, p.vertexId(), at);
      actualProps.put(p.id(), p.key() + "=" + show(p.value()));
    }
    assertEquals(expectedProps, actualProps, at + " properties");
    String key = VERTEX_KEYS.get(rnd.nextInt(VERTEX_KEYS.size()));
    assertEquals(
        v.props.stream().filter(p -> p.key.equals(key)).count(), r.vertexProperties(v.id, key).count(), at + " properties " + key);
    for (GraphModel.Prop p : v.props) {
      Map<String, String> meta = new HashMap<>();
      p.meta.forEach((k, x) -> meta.put(k, show(x)));
      Map<String, String> actual = new HashMap<>();
      r.metaProperties(p.id).toList().forEach(x -> actual.put(x.key(), show(x.value())));
      assertEquals(meta, actual, at + " meta-properties of " + p.id);
      VertexPropertyRecord byId = r.vertexProperty(p.id).orElseThrow();
      assertEquals(p.key + "=" + show(p.value), byId.key() + "=" + show(byId.value()), at);
    }
    List<GraphModel.Edge> out = m.edges.values().stream().filter(e -> e.out.equals(v.ext)).toList();
    List<GraphModel.Edge> in = m.edges.values().stream().filter(e -> e.in.equals(v.ext)).toList();
    assertEquals(sortedExts(out), sortedEdgeExts(r.edgesOf(v.id, Direction.OUT).toList()), at + " outE");
    assertEquals(sortedExts(in), sortedEdgeExts(r.edgesOf(v.id, Direction.IN).toList()), at + " inE");
    assertEquals(out.size() + in.size(), r.edgesOf(v.id, Direction.BOTH).count(), at + " bothE");
    assertEquals(out.size(), r.degree(v.id, Direction.OUT), at + " out degree");
    assertEquals(in.size(), r.degree(v.id, Direction.IN), at + " in degree");
    String label = EDGE_LABELS.get(rnd.nextInt(EDGE_LABELS.size()));
    List<GraphModel.Edge> outL = out.stream().filter(e -> e.label.equals(label)).toList();
    List<GraphModel.Edge> inL = in.stream().filter(e -> e.label.equals(label)).toList();
    assertEquals(sortedExts(outL), sortedEdgeExts(r.edgesOf(v.id, Direction.OUT, label).toList()), at + " outE " + label);
    assertEquals(sortedExts(inL), sortedEdgeExts(r.edgesOf(v.id, Direction.IN, label, "nolabel").toList()), at + " inE " + label);
    assertEquals(outL.size() + inL.size(), r.degree(v.id, Direction.BOTH, label), at + " degree " + label);
    List<Long> neighbors = new ArrayList<>(r.neighborIds(v.id, Direction.OUT).toList());
    neighbors.sort(null);
    assertEquals(out.stream().map(e -> m.vertices.get(e.in).id).sorted().toList(), neighbors, at + " out()");
  }

  private void edge(GraphModel.Edge e) {
    String at = where + ": edge " + e.ext;
    assertEquals(e.id, r.edgeId(e.ext), at);
    assertEquals(edgeString(e), edgeString(r.edge(e.ext).orElseThrow()), at);
    Map<String, String> expected = new HashMap<>();
    e.props.forEach((k, v) -> expected.put(k, show(v)));
    Map<String, String> actual = new HashMap<>();
    for (PropertyRecord p : r.edgeProperties(e.id).toList()) {
      actual.put(p.key(), show(p.value()));
    }
    assertEquals(expected, actual, at + " properties");
    for (String k : EDGE_KEYS) {
      assertEquals(show(e.props.get(k)), show(r.edgeProperty(e.id, k).orElse(null)), at + " property " + k);
    }
  }

  /** has(key, value) and has(label, key, value) for every value present, and a few absent ones. */
  private void propertyIndex() {
    Set<String> probes = new TreeSet<>();
    for (GraphModel.Vertex v : m.vertices.values()) {
      for (GraphModel.Prop p : v.props) {
        probes.add(p.key);
      }
    }
    List<Object[]> pairs = new ArrayList<>();
    m.vertices.values().forEach(v -> v.props.forEach(p -> pairs.add(new Object[] {p.key, p.value})));
    pairs.add(new Object[] {"name", Values.random(rnd)});
    for (Object[] kv : pairs.subList(0, Math.min(pairs.size(), 40))) {
      String key = (String) kv[0];
      Object value = kv[1];
      Set<String> exp = m.vertices.values().stream()
          .filter(v -> v.props.stream().anyMatch(p -> p.key.equals(key) && p.value.equals(value)))
          .map(v -> v.ext).collect(Collectors.toSet());
      List<VertexRecord> got = r.verticesByProperty(null, key, value).toList();
      assertEquals(exp.size(), got.size(), where + ": has(" + key + "," + show(value) + ") duplicates?");
      assertEquals(exp, exts(got), where + ": has(" + key + "," + show(value) + ")");
      String label = VERTEX_LABELS.get(rnd.nextInt(VERTEX_LABELS.size()));
      Set<String> expL = exp.stream().filter(x -> m.vertices.get(x).label.equals(label)).collect(Collectors.toSet());
      assertEquals(expL, exts(r.verticesByProperty(label, key, value).toList()), where + ": has(" + label + "," + key + ")");
    }
    for (GraphModel.Edge e : m.edges.values()) {
      for (Map.Entry<String, Object> p : e.props.entrySet()) {
        Set<String> exp = m.edges.values().stream()
            .filter(x -> p.getValue().equals(x.props.get(p.getKey())))
            .map(x -> x.ext).collect(Collectors.toSet());
        assertEquals(exp, edgeExts(r.edgesByProperty(null, p.getKey(), p.getValue()).toList()), where + ": E.has(" + p.getKey() + ")");
        Set<String> expL = exp.stream().filter(x -> m.edges.get(x).label.equals(e.label)).collect(Collectors.toSet());
        assertEquals(expL, edgeExts(r.edgesByProperty(e.label, p.getKey(), p.getValue()).toList()), where + ": E.has(label," + p.getKey() + ")");
      }
    }
  }

  /** Random ranges over every type, on vertex and edge properties, against a reference comparator. */
  private void ranges() {
    for (int i = 0; i < 12; i++) {
      Object a = Values.random(rnd);
      Object b = Values.sameType(rnd, a);
      Object lo = Values.compare(a, b) <= 0 ? a : b;
      Object hi = lo == a ? b : a;
      ValueRange range = switch (rnd.nextInt(6)) {
        case 0 -> ValueRange.gt(a);
        case 1 -> ValueRange.gte(a);
        case 2 -> ValueRange.lt(a);
        case 3 -> ValueRange.lte(a);
        case 4 -> ValueRange.between(lo, hi);
        default -> ValueRange.closed(lo, hi);
      };
      String key = VERTEX_KEYS.get(rnd.nextInt(VERTEX_KEYS.size()));
      Set<String> exp = m.vertices.values().stream()
          .filter(v -> v.props.stream().anyMatch(p -> p.key.equals(key) && inRange(range, p.value)))
          .map(v -> v.ext).collect(Collectors.toSet());
      List<VertexRecord> got = r.verticesByRange(null, key, range).toList();
      assertEquals(exp.size(), got.size(), where + ": " + key + " in " + range + " (each vertex once)");
      assertEquals(exp, exts(got), where + ": " + key + " in " + range);
      String ekey = EDGE_KEYS.get(rnd.nextInt(EDGE_KEYS.size()));
      List<EdgeRecord> edges = r.edgesByRange(null, ekey, range).toList();
      Set<String> expE = m.edges.values().stream()
          .filter(e -> e.props.containsKey(ekey) && inRange(range, e.props.get(ekey)))
          .map(e -> e.ext).collect(Collectors.toSet());
      assertEquals(expE, edgeExts(edges), where + ": E " + ekey + " in " + range);
      if (!(a instanceof String)) { // long strings with a common prefix are not in value order
        for (int j = 1; j < edges.size(); j++) {
          Object prev = m.edges.get(edges.get(j - 1).externalId()).props.get(ekey);
          Object cur = m.edges.get(edges.get(j).externalId()).props.get(ekey);
          assertTrue(Values.compare(prev, cur) <= 0, where + ": range results out of order");
        }
      }
    }
  }

  private static boolean inRange(ValueRange range, Object v) {
    if (v.getClass() != range.type().javaType() && !(v instanceof java.util.Date && range.type().javaType() == java.util.Date.class)) {
      return false;
    }
    if (range.lower() != null) {
      int c = Values.compare(v, range.lower());
      if (c < 0 || c == 0 && !range.lowerInclusive()) {
        return false;
      }
    }
    if (range.upper() != null) {
      int c = Values.compare(v, range.upper());
      return c < 0 || c == 0 && range.upperInclusive();
    }
    return true;
  }

  private String edgeString(GraphModel.Edge e) {
    return e.ext + "/" + e.label + "/" + m.vertices.get(e.out).id + "->" + m.vertices.get(e.in).id + "/" + e.id;
  }

  private String edgeString(EdgeRecord e) {
    return e.externalId() + "/" + e.label() + "/" + e.outVertexId() + "->" + e.inVertexId() + "/" + e.id();
  }

  private static Set<String> exts(List<VertexRecord> vs) {
    return vs.stream().map(VertexRecord::externalId).collect(Collectors.toSet());
  }

  private static Set<String> edgeExts(List<EdgeRecord> es) {
    return es.stream().map(EdgeRecord::externalId).collect(Collectors.toSet());
  }

  private static List<String> sortedExts(List<GraphModel.Edge> es) {
    return es.stream().map(e -> e.ext).sorted().toList();
  }

  private static List<String> sortedEdgeExts(List<EdgeRecord> es) {
    return es.stream().map(EdgeRecord::externalId).sorted().toList();
  }

  /** Type-qualified rendering, so that 1 and 1L never compare equal by accident. */
  static String show(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + ":" + v;
  }
}
