package io.nereid.graph;

import java.util.HashMap;
import java.util.Map;

/** TinkerPop's "modern" toy graph, with its usual ids as external ids ("1".."6", "7".."12"). */
public final class ModernGraph {

  private ModernGraph() {}

  /** Loads it in one transaction; returns internal ids by external id ("1", ..., "12"). */
  public static Map<String, Long> load(GraphStore store) {
    Map<String, Long> ids = new HashMap<>();
    try (GraphTxn tx = store.begin()) {
      person(tx, ids, "1", "marko", 29);
      person(tx, ids, "2", "vadas", 27);
      software(tx, ids, "3", "lop", "java");
      person(tx, ids, "4", "josh", 32);
      software(tx, ids, "5", "ripple", "java");
      person(tx, ids, "6", "peter", 35);
      edge(tx, ids, "7", "1", "knows", "2", 0.5);
      edge(tx, ids, "8", "1", "knows", "4", 1.0);
      edge(tx, ids, "9", "1", "created", "3", 0.4);
      edge(tx, ids, "10", "4", "created", "5", 1.0);
      edge(tx, ids, "11", "4", "created", "3", 0.4);
      edge(tx, ids, "12", "6", "created", "3", 0.2);
      tx.commit();
    }
    return ids;
  }

  private static void person(GraphTxn tx, Map<String, Long> ids, String id, String name, int age) {
    long v = tx.addVertex(id, "person").id();
    tx.addVertexProperty(v, Cardinality.SINGLE, "name", name);
    tx.addVertexProperty(v, Cardinality.SINGLE, "age", age);
    ids.put(id, v);
  }

  private static void software(
      GraphTxn tx, Map<String, Long> ids, String id, String name, String lang) {
    long v = tx.addVertex(id, "software").id();
    tx.addVertexProperty(v, Cardinality.SINGLE, "name", name);
    tx.addVertexProperty(v, Cardinality.SINGLE, "lang", lang);
    ids.put(id, v);
  }

  private static void edge(
      GraphTxn tx,
      Map<String, Long> ids,
      String id,
      String out,
      String label,
      String in,
      double weight) {
    long e = tx.addEdge(id, ids.get(out), label, ids.get(in)).id();
    tx.setEdgeProperty(e, "weight", weight);
    ids.put("e" + id, e);
  }
}
