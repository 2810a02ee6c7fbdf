package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GraphTxn#setVertexLabel}: record, property index values and statistics follow. */
class SetVertexLabelTest {

  @TempDir Path dir;

  @Test
  void relabelRewritesRecordIndexEntriesAndCounts() {
    try (GraphStore store = TestStores.open(dir, 3)) {
      long v;
      long w;
      try (GraphTxn t = store.begin()) {
        v = t.addVertex("v", "old").id();
        w = t.addVertex("w", "old").id();
        t.addVertexProperty(v, Cardinality.LIST, "k", 1);
        t.addVertexProperty(v, Cardinality.LIST, "k", 1);
        t.addVertexProperty(v, Cardinality.SINGLE, "name", "x");
        t.addEdge("e", v, "r", w);
        t.commit();
      }
      try (GraphTxn t = store.begin()) {
        assertTrue(t.setVertexLabel(v, "new"));
        assertFalse(t.setVertexLabel(w, "old"));
        t.commit();
      }
      TestStores.assertConsistent(store);
      try (GraphSnapshot s = store.snapshot()) {
        assertEquals("new", s.vertex(v).orElseThrow().label());
        assertEquals(1, s.vertexCount("new"));
        assertEquals(1, s.vertexCount("old"));
        assertEquals(2, s.vertexCount());
        assertEquals(1, s.verticesByProperty("new", "k", 1).count());
        assertEquals(0, s.verticesByProperty("old", "k", 1).count());
        assertEquals(1, s.verticesByProperty("new", "name", "x").count());
        assertEquals(1, s.degree(v, Direction.OUT));
      }
    }
  }
}
