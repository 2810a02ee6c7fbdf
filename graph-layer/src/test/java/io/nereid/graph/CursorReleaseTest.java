package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results are lazy and hold kv cursors only until exhausted or closed. */
class CursorReleaseTest {

  @TempDir Path dir;
  GraphStore store;
  Map<String, Long> ids;

  @BeforeEach
  void open() {
    store = TestStores.open(dir, 4);
    ids = ModernGraph.load(store);
    try (GraphTxn tx = store.begin()) {
      for (int i = 0; i < 3000; i++) {
        long v = tx.addVertex("bulk" + i, "bulk").id();
        tx.addVertexProperty(v, Cardinality.SINGLE, "n", i);
      }
      tx.commit();
    }
  }

  @AfterEach
  void close() {
    assertEquals(0, store.kv().stats().openCursors(), "a cursor leaked");
    assertEquals(0, store.kv().stats().openSnapshots(), "a snapshot leaked");
    store.close();
  }

  private long cursors() {
    return store.kv().stats().openCursors();
  }

  @Test
  void exhaustedResultsReleaseWithoutClose() {
    try (GraphSnapshot s = store.snapshot()) {
      var it = s.verticesByLabel("person");
      int n = 0;
      while (it.hasNext()) {
        it.next();
        n++;
      }
      assertEquals(4, n);
      assertEquals(0, cursors());
      var edges =
          s.edgesOf(
              ids.get("1"),
              Direction.BOTH,
              List.of("knows", "created"),
              PropertyFilter.in("weight", ValueRange.gte(0.0)));
      while (edges.hasNext()) {
        edges.next();
      }
      assertEquals(0, cursors());
    }
  }

  @Test
  void closingAPartlyReadResultReleasesItsCursors() {
    try (GraphSnapshot s = store.snapshot()) {
      CloseableIterator<VertexRecord> all =
          s.vertices(); // parallel: one prefetching cursor per partition
      for (int i = 0; i < 10; i++) {
        all.next();
      }
      assertTrue(cursors() > 0);
      all.close();
      all.close();
      assertEquals(0, cursors());
      CloseableIterator<VertexRecord> range = s.verticesByRange("bulk", "n", ValueRange.gte(100));
      assertEquals(100, range.next().externalId().equals("bulk100") ? 100 : -1);
      range.close();
      assertEquals(0, cursors());
      CloseableIterator<EdgeRecord> both = s.edgesOf(ids.get("4"), Direction.BOTH);
      both.next();
      both.close();
      assertEquals(0, cursors());
      assertTrue(!both.hasNext());
      assertThrows(java.util.NoSuchElementException.class, both::next);
    }
  }

  @Test
  void transactionScansReleaseToo() {
    try (GraphTxn tx = store.begin()) {
      CloseableIterator<VertexRecord> all =
          tx.vertices(); // sequential merge in a write transaction
      all.next();
      all.close();
      assertEquals(0, cursors());
      assertEquals(3006, tx.vertices().count());
      assertEquals(0, cursors());
    }
  }

  @Test
  void globalScansAreMergedInKeyOrder() {
    try (GraphSnapshot s = store.snapshot()) {
      List<Integer> values =
          s.verticesByRange("bulk", "n", ValueRange.between(1000, 1500))
              .map(v -> (Integer) s.vertexProperties(v.id(), "n").toList().get(0).value())
              .toList();
      assertEquals(500, values.size());
      for (int i = 0; i < values.size(); i++) {
        assertEquals(1000 + i, values.get(i));
      }
    }
  }
}
