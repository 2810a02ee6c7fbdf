package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.TestStores;
import io.nereid.kv.WriteConflictException;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-store loader against a client that keeps removing and re-creating a vertex that loaded
 * edges point to. Removing a vertex removes its edges in the same transaction; an edge the
 * loader adds meanwhile must either make that removal lose a write conflict or find the vertex
 * gone (FROM_OR_TO_VERTEX_ARE_MISSING). Never a dangling edge. (Kv bulk batches are not
 * conflict-checked: the offline path would leave edges to removed vertices here.)
 */
class LiveStoreLoadTest {

  @TempDir Path tmp;

  @Test
  void aVertexRemovedWhileEdgesToItLoadLeavesNoDanglingEdge() throws Exception {
    int sources = 500;
    int edges = 20_000;
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    try (BufferedWriter w = Files.newBufferedWriter(data.resolve("v.csv"))) {
      w.write("~id,~label\nhub,node\n");
      for (int i = 0; i < sources; i++) {
        w.write("v" + i + ",node\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(data.resolve("e.csv"))) {
      w.write("~id,~from,~to,~label\n");
      for (int i = 0; i < edges; i++) {
        // Every 20th edge goes to the hub: most batches attach to it, the client's removals
        // still find gaps between them.
        String to = i % 20 == 0 ? "hub" : "v" + ((i * 7 + 1) % sources);
        w.write("e" + i + ",v" + (i % sources) + "," + to + ",to\n");
      }
    }
    try (GraphStore store = LoadTestSupport.open(tmp.resolve("store"))) {
      AtomicBoolean loading = new AtomicBoolean(true);
      AtomicInteger removals = new AtomicInteger();
      AtomicInteger conflicts = new AtomicInteger();
      List<Throwable> failures = new ArrayList<>();
      Thread client = new Thread(() -> {
        while (loading.get()) {
          try (GraphTxn txn = store.begin()) {
            long hub = txn.vertexId("hub");
            if (hub >= 0) {
              txn.removeVertex(hub);
              txn.commit();
              removals.incrementAndGet();
            }
          } catch (WriteConflictException e) {
            conflicts.incrementAndGet(); // the loader attached an edge first: nothing removed
          }
          try (GraphTxn txn = store.begin()) {
            if (txn.vertexId("hub") < 0) {
              txn.addVertex("hub", "node");
              txn.commit();
            }
          } catch (WriteConflictException e) {
            conflicts.incrementAndGet();
          }
        }
      }, "remover");
      client.setUncaughtExceptionHandler((t, e) -> failures.add(e));
      client.start();
      LoadJob.View v;
      try {
        v = LoadTestSupport.load(store, tmp.resolve("jobs"),
            LoadOptions.defaults().withFailOnError(false).withMode(LoadOptions.Mode.NEW)
                .withBatchStatements(40), true, // small batches: many commits, many gaps
            data);
      } finally {
        loading.set(false);
        client.join();
      }
      assertTrue(failures.isEmpty(), failures.toString());
      assertTrue(removals.get() > 0, "the client removed the hub while the load ran");
      // Every edge row was loaded or refused for its missing end (the hub had just gone).
      long loadedOrMissing = v.overall().totalRecords - v.overall().insertErrors;
      assertTrue(loadedOrMissing >= sources + 1, v.overall().toString());
      for (LoadError e : v.errors()) {
        assertEquals(LoadErrorCode.FROM_OR_TO_VERTEX_ARE_MISSING, e.code(), e.toString());
      }
      try (GraphSnapshot s = store.snapshot()) {
        try (CloseableIterator<EdgeRecord> it = s.edges()) {
          while (it.hasNext()) {
            EdgeRecord e = it.next();
            assertTrue(s.vertex(e.inVertexId()).isPresent(), "dangling edge " + e);
            assertTrue(s.vertex(e.outVertexId()).isPresent(), "dangling edge " + e);
          }
        }
      }
      TestStores.assertConsistent(store);
    }
  }
}
