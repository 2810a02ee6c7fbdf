package io.nereid.graph.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.ModernGraph;
import io.nereid.graph.TestStores;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.UnsignedVarint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damages a store behind the graph-layer's back and expects the checker to say what is wrong. */
class ConsistencyCheckerTest {

  @TempDir Path dir;

  private int stores;

  private String corruptAndCheck(BiConsumer<GraphStore, WriteTxn> damage) {
    try (GraphStore store = TestStores.open(dir.resolve("store" + stores++), 3)) {
      ModernGraph.load(store);
      assertTrue(new ConsistencyChecker(store).check().isConsistent());
      try (WriteTxn txn = store.kv().beginWrite()) {
        damage.accept(store, txn);
        txn.commit();
      }
      ConsistencyReport report = new ConsistencyChecker(store).check();
      assertTrue(!report.isConsistent(), "damage went unnoticed");
      return report.toString();
    }
  }

  private static Quad spogQuadOf(GraphStore store, String vertexExt, int kindIndex) {
    try (GraphSnapshot s = store.snapshot()) {
      long v = s.vertexId(vertexExt);
      return switch (kindIndex) {
        case 0 -> Quad.label(v, store.dictionary().lookup(s.vertex(v).orElseThrow().label()));
        case 1 -> {
          var p = s.vertexProperties(v, "name").toList().get(0);
          yield Quad.vertexProperty(
              v, store.dictionary().lookup("name"), store.values().encode(p.value()), p.id());
        }
        default -> {
          var e = s.edgesOf(v, io.nereid.graph.Direction.OUT).toList().get(0);
          yield Quad.edge(v, store.dictionary().lookup(e.label()), e.inVertexId(), e.id());
        }
      };
    }
  }

  private static void delete(GraphStore store, WriteTxn txn, KeyOrder order, Quad q) {
    txn.delete(order.partitionOf(q, store.partitioner()), store.spaces().of(order), order.key(q));
  }

  @Test
  void missingIndexEntries() {
    String r =
        corruptAndCheck(
            (store, txn) -> delete(store, txn, KeyOrder.POGS, spogQuadOf(store, "1", 1)));
    assertTrue(r.contains("missing from POGS"), r);
    r =
        corruptAndCheck(
            (store, txn) -> delete(store, txn, KeyOrder.OSGP, spogQuadOf(store, "4", 2)));
    assertTrue(r.contains("missing from OSGP"), r);
  }

  @Test
  void indexEntryWithoutItsQuad() {
    String r =
        corruptAndCheck(
            (store, txn) -> delete(store, txn, KeyOrder.SPOG, spogQuadOf(store, "1", 2)));
    assertTrue(r.contains("has no SPOG quad"), r);
  }

  @Test
  void danglingEdgesAndOrphanedProperties() {
    String r =
        corruptAndCheck(
            (store, txn) -> {
              Quad label = spogQuadOf(store, "2", 0); // vadas: in-vertex of edge 7, has properties
              delete(store, txn, KeyOrder.SPOG, label);
              delete(store, txn, KeyOrder.POGS, label);
            });
    assertTrue(r.contains("dangling edge"), r);
    assertTrue(r.contains("orphaned vertex property"), r);
    assertTrue(r.contains("xid"), r);
    assertTrue(r.contains("stats"), r);
  }

  @Test
  void wrongStatistics() {
    String r =
        corruptAndCheck(
            (store, txn) -> txn.add(0, store.spaces().stats(), Statistics.verticesKey(), 5));
    assertTrue(r.contains("stats[0] 01 = ") || r.contains("stats[0] 01"), r);
  }

  @Test
  void dictionaryHoles() {
    String r =
        corruptAndCheck(
            (store, txn) -> {
              long t = store.dictionary().lookup("person");
              txn.delete(
                  store.partitioner().ofId(t), store.spaces().term(), UnsignedVarint.encode(t));
            });
    assertTrue(r.contains("is not in the dictionary"), r);
    assertTrue(r.contains("has no reverse entry"), r);
  }

  @Test
  void quadsInTheWrongPartitionAndBadExternalIds() {
    String r =
        corruptAndCheck(
            (store, txn) -> {
              Quad q = spogQuadOf(store, "1", 1);
              int wrong = (KeyOrder.SPOG.partitionOf(q, store.partitioner()) + 1) % 3;
              txn.put(wrong, store.spaces().spog(), KeyOrder.SPOG.key(q), new byte[0]);
              txn.put(
                  store.externalIds().partition("3"),
                  store.spaces().xid(),
                  ExternalIds.key(ExternalIds.Kind.VERTEX, "3"),
                  UnsignedVarint.encode(1_000_000));
            });
    assertTrue(r.contains("belongs in partition"), r);
    assertTrue(r.contains("maps to 1000000"), r);
  }

  @Test
  void commandLineExitStatus() {
    try (GraphStore store = TestStores.open(dir, 2)) {
      ModernGraph.load(store);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out);
    assertEquals(0, CheckConsistency.run(new String[] {dir.toString()}, print, print));
    assertTrue(out.toString().startsWith("CONSISTENT"), out.toString());
    assertEquals(
        2, CheckConsistency.run(new String[] {dir.resolve("nope").toString()}, print, print));
    assertEquals(2, CheckConsistency.run(new String[0], print, print));
    try (GraphStore store = GraphStore.open(dir)) { // partitions come from graph.properties
      assertEquals(2, store.partitioner().count());
      try (WriteTxn txn = store.kv().beginWrite()) {
        txn.add(1, store.spaces().stats(), Statistics.edgesKey(), 1);
        txn.commit();
      }
    }
    out.reset();
    assertEquals(1, CheckConsistency.run(new String[] {dir.toString()}, print, print));
    assertTrue(out.toString().startsWith("INCONSISTENT"), out.toString());
  }
}
