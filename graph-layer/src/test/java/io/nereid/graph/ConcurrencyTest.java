package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.WriteConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent transactions. The kv-layer detects write-write conflicts only (first committer wins);
 * these tests show which graph operations must conflict for the invariants to hold, and that the
 * rest (and every statistic) do not.
 */
class ConcurrencyTest {

  @TempDir Path dir;
  GraphStore store;

  @BeforeEach
  void open() {
    store = TestStores.open(dir, 4);
  }

  @AfterEach
  void close() {
    TestStores.assertConsistent(store);
    store.close();
  }

  @Test
  void twoTransactionsCreatingTheSameVertexIdCannotBothCommit() {
    try (GraphTxn a = store.begin();
        GraphTxn b = store.begin()) {
      a.addVertex("same", "person");
      b.addVertex("same", "place");
      a.commit();
      assertThrows(WriteConflictException.class, b::commit);
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals("person", s.vertex("same").orElseThrow().label());
      assertEquals(1, s.vertexCount());
    }
  }

  @Test
  void anEdgeToAVertexRemovedConcurrentlyCannotCommit() {
    long x;
    long y;
    try (GraphTxn tx = store.begin()) {
      x = tx.addVertex("x", "v").id();
      y = tx.addVertex("y", "v").id();
      tx.commit();
    }
    try (GraphTxn remover = store.begin();
        GraphTxn linker = store.begin()) {
      linker.addEdge(x, "to", y);
      remover.removeVertex(y);
      remover.commit();
      assertThrows(WriteConflictException.class, linker::commit, "would leave a dangling edge");
    }
    try (GraphTxn remover = store.begin();
        GraphTxn writer = store.begin()) {
      writer.addVertexProperty(x, Cardinality.SINGLE, "name", "late");
      remover.removeVertex(x);
      writer.commit(); // this time the property lands first, and the removal loses
      assertThrows(
          WriteConflictException.class, remover::commit, "would leave an orphaned property");
    }
  }

  @Test
  void aMetaPropertyOrEdgePropertyOnAConcurrentlyRemovedOwnerCannotCommit() {
    long p;
    long e;
    try (GraphTxn tx = store.begin()) {
      long x = tx.addVertex("x", "v").id();
      p = tx.addVertexProperty(x, Cardinality.LIST, "name", "a");
      e = tx.addEdge(x, "self", x).id();
      tx.commit();
    }
    try (GraphTxn remover = store.begin();
        GraphTxn writer = store.begin()) {
      writer.setMetaProperty(p, "since", 1);
      writer.setEdgeProperty(e, "weight", 1.0);
      remover.removeVertexProperty(p);
      remover.removeEdge(e);
      remover.commit();
      assertThrows(WriteConflictException.class, writer::commit);
    }
  }

  /**
   * Many threads adding vertices and edges among their own vertices: no conflicts, exact counts.
   */
  @Test
  void independentWritersDoNotConflictAndCountersStayExact() throws Exception {
    int threads = 4;
    int txnsPerThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger conflicts = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < txnsPerThread; i++) {
                    try (GraphTxn tx = store.begin()) {
                      long a = tx.addVertex("t" + thread + "-" + i + "a", "person").id();
                      long b = tx.addVertex("t" + thread + "-" + i + "b", "person").id();
                      tx.addVertexProperty(a, Cardinality.SINGLE, "name", "n" + i);
                      tx.addEdge(a, "knows", b);
                      tx.commit();
                    } catch (WriteConflictException e) {
                      conflicts.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        0, conflicts.get(), "disjoint writers never conflict (statistics use commutative adds)");
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(threads * txnsPerThread * 2, s.vertexCount());
      assertEquals(threads * txnsPerThread * 2, s.vertices().count());
      assertEquals(threads * txnsPerThread, s.edgeCount("knows"));
      assertEquals(threads * txnsPerThread, s.vertexPropertyCount("name"));
    }
  }

  /** Writers attaching edges to one shared vertex conflict; retried, all of them land. */
  @Test
  void writersSharingAVertexSerializeByRetrying() throws Exception {
    long hub;
    try (GraphTxn tx = store.begin()) {
      hub = tx.addVertex("hub", "v").id();
      tx.commit();
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    AtomicInteger retries = new AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 10; i++) {
                    while (true) {
                      try (GraphTxn tx = store.begin()) {
                        long leaf = tx.addVertex("leaf-" + thread + "-" + i, "v").id();
                        tx.addEdge(leaf, "to", hub);
                        tx.commit();
                        break;
                      } catch (WriteConflictException e) {
                        retries.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(30, s.degree(hub, Direction.IN, "to"));
      assertEquals(30, s.edgesOf(hub, Direction.IN).count());
    }
    assertTrue(retries.get() >= 0);
  }
}
