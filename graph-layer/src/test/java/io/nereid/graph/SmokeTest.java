package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path dir;

  @Test
  void addAndRead() {
    try (GraphStore g = TestStores.open(dir, 4)) {
      long a, b;
      try (GraphTxn tx = g.begin()) {
        a = tx.addVertex("a", "person").id();
        b = tx.addVertex("b", "person").id();
        tx.addVertexProperty(a, Cardinality.SINGLE, "name", "marko");
        long e = tx.addEdge("e", a, "knows", b).id();
        tx.setEdgeProperty(e, "weight", 0.5);
        tx.commit();
      }
      try (GraphSnapshot s = g.snapshot()) {
        assertEquals(2, s.vertexCount());
        assertEquals(1, s.edgeCount());
        assertEquals(
            "a", s.verticesByProperty("person", "name", "marko").toList().get(0).externalId());
        assertEquals(1, s.edgesOf(a, Direction.OUT).count());
        assertEquals(1, s.edgesOf(b, Direction.IN, "knows").count());
        assertEquals(2, s.vertices().count());
      }
      TestStores.assertConsistent(g);
      try (GraphTxn tx = g.begin()) {
        tx.removeVertex(a);
        tx.commit();
      }
      TestStores.assertConsistent(g);
      try (GraphSnapshot s = g.snapshot()) {
        assertEquals(1, s.vertexCount());
        assertEquals(0, s.edgeCount());
      }
    }
  }
}
