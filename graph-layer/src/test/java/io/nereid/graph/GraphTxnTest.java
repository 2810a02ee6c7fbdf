package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutation and read API on the modern graph and small cases. */
class GraphTxnTest {

  @TempDir Path dir;
  GraphStore store;
  Map<String, Long> ids;

  @BeforeEach
  void open() {
    store = TestStores.open(dir, 4);
    ids = ModernGraph.load(store);
  }

  @AfterEach
  void close() {
    TestStores.assertConsistent(store);
    store.close();
  }

  private long v(String ext) {
    return ids.get(ext);
  }

  private static Set<String> names(GraphReader r, List<VertexRecord> vs) {
    return vs.stream()
        .map(x -> (String) r.vertexProperties(x.id(), "name").toList().get(0).value())
        .collect(Collectors.toSet());
  }

  @Test
  void modernGraphTraversals() {
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(6, s.vertexCount());
      assertEquals(4, s.vertexCount("person"));
      assertEquals(6, s.edgeCount());
      assertEquals(4, s.edgeCount("created"));
      assertEquals(
          Set.of("vadas", "josh", "lop"), names(s, s.neighbors(v("1"), Direction.OUT).toList()));
      assertEquals(
          Set.of("vadas", "josh"), names(s, s.neighbors(v("1"), Direction.OUT, "knows").toList()));
      assertEquals(
          Set.of("marko", "josh", "peter"),
          names(s, s.neighbors(v("3"), Direction.IN, "created").toList()));
      assertEquals(
          Set.of("marko", "ripple", "lop"), names(s, s.neighbors(v("4"), Direction.BOTH).toList()));
      assertEquals(3, s.degree(v("3"), Direction.IN));
      assertEquals(2, s.degree(v("1"), Direction.OUT, "knows"));
      assertEquals(0, s.degree(v("1"), Direction.OUT, "nosuchlabel"));
      assertEquals(
          Set.of("marko"), names(s, s.verticesByProperty("person", "name", "marko").toList()));
      assertEquals(List.of(), s.verticesByProperty("software", "name", "marko").toList());
      assertEquals(List.of(), s.verticesByProperty(null, "name", "nobody").toList());
      assertEquals(List.of(), s.verticesByProperty(null, "nokey", "marko").toList());
      assertEquals(List.of(), s.verticesByProperty("nolabel", "name", "marko").toList());
      // Range lookups come out in value order across partitions.
      assertEquals(
          List.of("josh", "peter"),
          s.verticesByRange("person", "age", ValueRange.gt(29))
              .map(x -> (String) s.vertexProperties(x.id(), "name").toList().get(0).value())
              .toList());
      assertEquals(
          List.of(),
          s.verticesByRange(null, "age", ValueRange.gt(29L)).toList(),
          "Integer ages are not Longs");
      assertEquals(
          Set.of("7", "9", "11", "12"),
          s
              .edgesByRange(null, "weight", ValueRange.lt(0.6))
              .map(EdgeRecord::externalId)
              .toList()
              .stream()
              .collect(Collectors.toSet()));
      assertEquals(
          List.of("12"),
          s.edgesByRange("created", "weight", ValueRange.closed(0.1, 0.3))
              .map(EdgeRecord::externalId)
              .toList());
      assertEquals(
          Set.of("8", "10"),
          s.edgesByProperty(null, "weight", 1.0).map(EdgeRecord::externalId).toList().stream()
              .collect(Collectors.toSet()));
      assertEquals(4, s.edgesByLabel("created").count());
      EdgeRecord e7 = s.edge("7").orElseThrow();
      assertEquals(new EdgeRecord(v("e7"), "7", "knows", v("1"), v("2")), e7);
      assertEquals(0.5, s.edgeProperty(e7.id(), "weight").orElseThrow());
      assertEquals(v("1"), s.vertexId("1"));
      assertEquals(-1, s.vertexId("nope"));
      assertEquals(-1, s.vertexId("7"), "edge ids and vertex ids are separate");
    }
  }

  @Test
  void adjacencyWithAnEdgePropertyFilter() {
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(
          Set.of("8"),
          exts(
              s.edgesOf(v("1"), Direction.OUT, List.of(), PropertyFilter.eq("weight", 1.0))
                  .toList()));
      assertEquals(
          Set.of("9", "11"),
          exts(
              s.edgesOf(
                      v("3"),
                      Direction.IN,
                      List.of("created"),
                      PropertyFilter.in("weight", ValueRange.gte(0.4)))
                  .toList()));
      assertEquals(
          Set.of(),
          exts(
              s.edgesOf(v("3"), Direction.IN, List.of(), PropertyFilter.eq("weight", 0.4f))
                  .toList()),
          "Float is not Double");
      assertEquals(
          Set.of(),
          exts(s.edgesOf(v("3"), Direction.IN, List.of(), PropertyFilter.eq("nokey", 1)).toList()));
    }
  }

  private static Set<String> exts(List<EdgeRecord> es) {
    return es.stream().map(EdgeRecord::externalId).collect(Collectors.toSet());
  }

  @Test
  void cardinalities() {
    try (GraphTxn tx = store.begin()) {
      long marko = v("1");
      long first = tx.addVertexProperty(marko, Cardinality.LIST, "nick", "mk");
      long second = tx.addVertexProperty(marko, Cardinality.LIST, "nick", "mk");
      assertNotEquals(first, second, "list: equal values are separate properties");
      assertEquals(
          first,
          tx.addVertexProperty(marko, Cardinality.SET, "nick", "mk"),
          "set: existing value kept");
      long third = tx.addVertexProperty(marko, Cardinality.SET, "nick", "m");
      assertEquals(3, tx.vertexProperties(marko, "nick").count());
      assertEquals(
          List.of(marko),
          tx.verticesByProperty(null, "nick", "mk").map(VertexRecord::id).toList(),
          "each vertex once");
      long single = tx.addVertexProperty(marko, Cardinality.SINGLE, "nick", "marko!");
      List<VertexPropertyRecord> left = tx.vertexProperties(marko, "nick").toList();
      assertEquals(List.of(new VertexPropertyRecord(single, marko, "nick", "marko!")), left);
      assertTrue(tx.vertexProperty(third).isEmpty());
      assertEquals(1, tx.vertexPropertyCount("nick"));
      tx.commit();
    }
  }

  @Test
  void lookalikeValuesStayDistinct() {
    try (GraphTxn tx = store.begin()) {
      long x = tx.addVertex("x", "thing").id();
      for (Object value : List.of(1, 1L, 1.0, 1.0f, (short) 1, (byte) 1, "1", true)) {
        tx.addVertexProperty(x, Cardinality.SET, "k", value);
      }
      assertEquals(8, tx.vertexProperties(x, "k").count(), "set cardinality: 8 different values");
      assertEquals(
          1L,
          tx.vertexProperties(x, "k").toList().stream().filter(p -> p.value().equals(1L)).count());
      assertEquals(
          List.of("x"),
          tx.verticesByProperty(null, "k", 1L).map(VertexRecord::externalId).toList());
      assertEquals(
          List.of("x"),
          tx.verticesByRange(null, "k", ValueRange.between(0.5, 2.0))
              .map(VertexRecord::externalId)
              .toList());
      tx.removeVertexProperties(x, "k");
      tx.addVertexProperty(x, Cardinality.SINGLE, "k", 1);
      assertEquals(
          List.of(),
          tx.verticesByProperty(null, "k", 1.0).toList(),
          "Double 1.0 does not match Integer 1");
      tx.commit();
    }
  }

  @Test
  void metaProperties() {
    long nameId;
    try (GraphTxn tx = store.begin()) {
      nameId = tx.vertexProperties(v("1"), "name").toList().get(0).id();
      tx.setMetaProperty(nameId, "since", 2010);
      tx.setMetaProperty(nameId, "since", 2011);
      tx.setMetaProperty(nameId, "by", "okram");
      assertEquals(
          Map.of("since", 2011, "by", "okram"),
          tx.metaProperties(nameId).toList().stream()
              .collect(Collectors.toMap(PropertyRecord::key, PropertyRecord::value)));
      assertTrue(tx.removeMetaProperty(nameId, "by"));
      assertFalse(tx.removeMetaProperty(nameId, "by"));
      tx.commit();
    }
    try (GraphTxn tx = store.begin()) {
      assertEquals(2011, tx.metaProperty(nameId, "since").orElseThrow());
      assertEquals(1, tx.metaPropertyCount("since"));
      tx.addVertexProperty(
          v("1"), Cardinality.SINGLE, "name", "marko2"); // replaces the value, meta and all
      assertTrue(tx.metaProperties(nameId).toList().isEmpty());
      assertEquals(0, tx.metaPropertyCount("since"));
      assertThrows(ElementNotFoundException.class, () -> tx.setMetaProperty(nameId, "since", 1));
      tx.commit();
    }
  }

  @Test
  void idsVertexAndEdgeMayShareOneGeneratedIdsAreUuids() {
    try (GraphTxn tx = store.begin()) {
      assertThrows(DuplicateIdException.class, () -> tx.addVertex("1", "person"));
      assertThrows(DuplicateIdException.class, () -> tx.addEdge("7", v("1"), "knows", v("2")));
      VertexRecord same = tx.addVertex("7", "person"); // an edge is called "7" too
      EdgeRecord e = tx.addEdge("1", same.id(), "knows", v("1")); // and a vertex "1"
      assertEquals(same.id(), tx.vertexId("7"));
      assertEquals(e.id(), tx.edgeId("1"));
      VertexRecord generated = tx.addVertex("person");
      UUID.fromString(generated.externalId());
      assertEquals(generated, tx.vertex(generated.externalId()).orElseThrow());
      VertexRecord empty = tx.addVertex("", "person");
      assertEquals(empty.id(), tx.vertexId(""), "the empty string is a valid id, as in Neptune");
      String longId = "id-".repeat(300);
      VertexRecord longV = tx.addVertex(longId, "person");
      assertEquals(longV.id(), tx.vertexId(longId));
      assertThrows(IllegalArgumentException.class, () -> tx.addVertex("bad\ud800", "person"));
      tx.commit();
    }
  }

  @Test
  void removingAVertexRemovesItsEdgesAndPropertiesEverywhere() {
    try (GraphTxn tx = store.begin()) {
      long marko = v("1");
      long self = tx.addEdge("self", marko, "knows", marko).id();
      tx.setEdgeProperty(self, "weight", 9.0);
      long nameId = tx.vertexProperties(marko, "name").toList().get(0).id();
      tx.setMetaProperty(nameId, "since", 1);
      tx.removeVertex(marko);
      assertTrue(tx.vertex(marko).isEmpty());
      assertEquals(-1, tx.vertexId("1"));
      assertTrue(tx.edge("7").isEmpty() && tx.edge("9").isEmpty() && tx.edge("self").isEmpty());
      assertEquals(2, tx.edgesOf(v("3"), Direction.IN).count());
      assertEquals(List.of(), tx.verticesByProperty(null, "name", "marko").toList());
      assertEquals(5, tx.vertexCount());
      assertEquals(3, tx.edgeCount());
      assertEquals(0, tx.metaPropertyCount("since"));
      tx.commit();
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(5, s.vertices().count());
      assertEquals(3, s.edges().count());
      assertEquals(0, s.degree(v("2"), Direction.IN));
    }
  }

  @Test
  void readsSeeTheirOwnWritesAndRollbackLeavesNothing() {
    try (GraphTxn tx = store.begin()) {
      long x = tx.addVertex("x", "newlabel").id();
      tx.addVertexProperty(x, Cardinality.SINGLE, "fresh", "v");
      tx.addEdge("ex", x, "newedge", v("1"));
      assertEquals(
          List.of("x"), tx.verticesByLabel("newlabel").map(VertexRecord::externalId).toList());
      assertEquals(
          List.of("x"),
          tx.verticesByProperty("newlabel", "fresh", "v").map(VertexRecord::externalId).toList());
      assertEquals(1, tx.edgesOf(v("1"), Direction.IN, "newedge").count());
      assertEquals(7, tx.vertexCount());
      tx.rollback();
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(6, s.vertexCount());
      assertEquals(-1, s.vertexId("x"));
      assertEquals(
          0, s.verticesByLabel("newlabel").count(), "the label stays in the dictionary, unused");
    }
    try (GraphTxn tx = store.begin()) {
      tx.addVertex("late", "person");
      // uncommitted: closing rolls back
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(-1, s.vertexId("late"));
    }
  }

  @Test
  void snapshotsAreIsolatedFromLaterCommits() {
    try (GraphSnapshot before = store.snapshot()) {
      try (GraphTxn tx = store.begin()) {
        tx.removeVertex(v("4"));
        tx.commit();
      }
      assertEquals(6, before.vertices().count());
      assertEquals(3, before.neighbors(v("1"), Direction.OUT).count());
      assertTrue(before.vertex("4").isPresent());
      try (GraphSnapshot after = store.snapshot()) {
        assertEquals(5, after.vertices().count());
        assertTrue(after.readSeq() > before.readSeq());
      }
    }
  }

  @Test
  void unsupportedValuesAreRefusedWithoutWritingAnything() {
    try (GraphTxn tx = store.begin()) {
      int before = tx.pendingWrites();
      assertThrows(IllegalArgumentException.class, () -> tx.setEdgeProperty(v("e7"), "w", List.of()));
      assertThrows(
          IllegalArgumentException.class,
          () -> tx.addVertexProperty(v("1"), Cardinality.LIST, "w", new Object()));
      long p = tx.vertexProperties(v("1"), "name").toList().get(0).id();
      assertThrows(IllegalArgumentException.class, () -> tx.setMetaProperty(p, "w", null));
      assertEquals(before, tx.pendingWrites());
    }
  }

  @Test
  void edgePropertiesAreSingleValued() {
    try (GraphTxn tx = store.begin()) {
      long e = v("e7");
      tx.setEdgeProperty(e, "weight", 0.6);
      assertEquals(List.of(new PropertyRecord(e, "weight", 0.6)), tx.edgeProperties(e).toList());
      assertTrue(tx.removeEdgeProperty(e, "weight"));
      assertFalse(tx.removeEdgeProperty(e, "weight"));
      assertFalse(tx.removeEdgeProperty(e, "never"));
      tx.removeEdge(e);
      assertThrows(ElementNotFoundException.class, () -> tx.setEdgeProperty(e, "weight", 1.0));
      assertThrows(ElementNotFoundException.class, () -> tx.removeEdge(e));
      tx.commit();
    }
  }
}
