package io.nereid.graph.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: a plain in-memory property graph with the semantics the graph-layer promises.
 * Elements are keyed by external id; internal ids are recorded as the store hands them out.
 */
final class GraphModel {

  static final class Vertex {
    final String ext;
    final String label;
    final long id;
    final List<Prop> props = new ArrayList<>();

    Vertex(String ext, String label, long id) {
      this.ext = ext;
      this.label = label;
      this.id = id;
    }

    Vertex copy() {
      Vertex v = new Vertex(ext, label, id);
      props.forEach(p -> v.props.add(p.copy()));
      return v;
    }
  }

  static final class Prop {
    final long id;
    final String key;
    final Object value;
    final Map<String, Object> meta = new LinkedHashMap<>();

    Prop(long id, String key, Object value) {
      this.id = id;
      this.key = key;
      this.value = value;
    }

    Prop copy() {
      Prop p = new Prop(id, key, value);
      p.meta.putAll(meta);
      return p;
    }
  }

  static final class Edge {
    final String ext;
    final String label;
    final String out;
    final String in;
    final long id;
    final Map<String, Object> props = new LinkedHashMap<>();

    Edge(String ext, String label, String out, String in, long id) {
      this.ext = ext;
      this.label = label;
      this.out = out;
      this.in = in;
      this.id = id;
    }

    Edge copy() {
      Edge e = new Edge(ext, label, out, in, id);
      e.props.putAll(props);
      return e;
    }
  }

  final Map<String, Vertex> vertices = new LinkedHashMap<>();
  final Map<String, Edge> edges = new LinkedHashMap<>();

  GraphModel copy() {
    GraphModel m = new GraphModel();
    vertices.forEach((k, v) -> m.vertices.put(k, v.copy()));
    edges.forEach((k, e) -> m.edges.put(k, e.copy()));
    return m;
  }

  Vertex vertexById(long id) {
    for (Vertex v : vertices.values()) {
      if (v.id == id) {
        return v;
      }
    }
    return null;
  }

  /** The property with that instance id and its vertex, or null. */
  Object[] propById(long id) {
    for (Vertex v : vertices.values()) {
      for (Prop p : v.props) {
        if (p.id == id) {
          return new Object[] {v, p};
        }
      }
    }
    return null;
  }

  void removeVertex(String ext) {
    vertices.remove(ext);
    edges.values().removeIf(e -> e.out.equals(ext) || e.in.equals(ext));
  }
}
