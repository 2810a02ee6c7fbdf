package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphStoreConfig;
import io.nereid.graph.TestStores;
import io.nereid.kv.KvStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline loader's deferred key spaces ({@link PendingRuns}): loads with deferral, without,
 * and with run files merged after every batch (a budget of one byte) give the same graph; a store
 * whose merge failed part-way is finished when it is opened, and refuses to open when a run file
 * it needs is gone (or when it is wrapped without its directory). The data (KillAndResumeTest's) has rows that merge into vertices of earlier
 * batches (graph transactions: the runs are merged before them) and edge ids used twice (a lookup
 * that must find the id in a run file).
 */
class DeferredKeysTest {

  @TempDir Path tmp;

  @AfterEach
  void restore() {
    LoadRun.defer = true;
    LoadRun.pendingBudget = 32L << 30;
    PendingRuns.afterMergeStep = null;
  }

  private static final LoadOptions OPTIONS =
      LoadOptions.defaults().withFailOnError(false).withBatchStatements(5000);

  private String load(Path store, Path data) throws Exception {
    try (GraphStore s = LoadTestSupport.openLarge(store)) {
      LoadJob.View v = LoadTestSupport.load(s, BulkLoader.defaultJobDir(store), OPTIONS, data);
      assertEquals(LoadStatus.LOAD_FAILED, v.status()); // bad rows on purpose
      TestStores.assertConsistent(s);
      return LoadTestSupport.describe(s);
    }
  }

  @Test
  void deferredNotDeferredAndMergedEveryBatchGiveTheSameGraph() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(5));
    String deferred = load(tmp.resolve("deferred"), data);
    assertEquals(0, runFiles(tmp.resolve("deferred")), "run files left after the load");
    LoadRun.defer = false;
    String direct = load(tmp.resolve("direct"), data);
    assertTrue(Files.notExists(tmp.resolve("direct").resolve(PendingRuns.DIR)));
    LoadRun.defer = true;
    LoadRun.pendingBudget = 1;
    String everyBatch = load(tmp.resolve("every-batch"), data);
    KillAndResumeTest.assertSame(direct, deferred, "deferred vs direct");
    KillAndResumeTest.assertSame(direct, everyBatch, "merged every batch vs direct");
  }

  @Test
  void aFailedMergeIsFinishedOnOpenAndAMissingRunFileRefusesTheOpen() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(6));
    LoadRun.defer = false;
    String direct = load(tmp.resolve("direct"), data);
    LoadRun.defer = true;
    Path store = tmp.resolve("store");
    int[] steps = {0};
    PendingRuns.afterMergeStep = () -> {
      if (++steps[0] >= 3) {
        throw new IllegalStateException("merge failure (test)");
      }
    };
    try (GraphStore s = LoadTestSupport.openLarge(store)) {
      LoadJob.View v = LoadTestSupport.load(s, BulkLoader.defaultJobDir(store), OPTIONS, data);
      assertEquals(LoadStatus.LOAD_UNEXPECTED_ERROR, v.status(), v.toString());
    }
    PendingRuns.afterMergeStep = null;
    Path dir = store.resolve(PendingRuns.DIR);
    assertTrue(runFiles(store) > 0, "the failed merge left its run files");
    GraphStoreConfig config = TestStores.config(4).withIdsPerBlock(4096);
    try (KvStore kv = KvStore.open(store.resolve("kv"), config.toKvConfig())) {
      // without the store's directory the merge cannot be finished: refused, not served
      assertThrows(IllegalStateException.class, () -> GraphStore.wrap(kv, config));
    }
    Path aside = tmp.resolve("aside");
    Files.createDirectories(aside);
    Path first;
    try (Stream<Path> files = Files.list(dir)) {
      first = files.sorted().findFirst().orElseThrow();
    }
    Files.move(first, aside.resolve(first.getFileName()));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> LoadTestSupport.openLarge(store));
    assertTrue(refused.getMessage().contains("missing"), refused.getMessage());
    Files.move(aside.resolve(first.getFileName()), first, StandardCopyOption.ATOMIC_MOVE);
    try (GraphStore s = LoadTestSupport.openLarge(store)) {
      TestStores.assertConsistent(s);
      assertEquals(0, runFiles(store));
      // the failed run stopped after its first merge; RESUME loads the rest
      LoadJob.View v = new BulkLoader(s, BulkLoader.defaultJobDir(store)).run(
          new BulkLoader(s, BulkLoader.defaultJobDir(store))
              .prepare(List.of(data), OPTIONS.withMode(LoadOptions.Mode.RESUME)), null);
      assertEquals(LoadStatus.LOAD_FAILED, v.status());
      TestStores.assertConsistent(s);
      KillAndResumeTest.assertSame(direct, LoadTestSupport.describe(s), "resumed vs direct");
    }
  }

  private static long runFiles(Path store) throws Exception {
    Path dir = store.resolve(PendingRuns.DIR);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("run-")).count();
    }
  }
}
