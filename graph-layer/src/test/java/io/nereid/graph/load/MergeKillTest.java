package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an offline load (a child JVM, SIGKILL) while it merges its deferred keys into the store
 * ({@link PendingRuns}: the merges before a batch with graph transactions and the one at the end),
 * at a different merge step in each round. Opening the killed store must finish the merges exactly
 * once (ConsistencyChecker recounts every degree counter, so a merge applied twice fails it) and
 * leave no run file; RESUME must then give the graph of a clean load.
 */
class MergeKillTest {

  @TempDir Path tmp;

  /** The child: {@code bin/nereid load}'s main, announcing each merge step and slowing it. */
  public static void main(String[] args) {
    PendingRuns.afterMergeStep = () -> {
      System.out.println("merge step");
      System.out.flush();
      try {
        Thread.sleep(15);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    System.exit(LoadCommand.run(args, System.out, System.err, false));
  }

  @Test
  @Timeout(600)
  void aLoadKilledWhileMergingIsFinishedOnOpenAndResumesToACleanLoad() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(7));
    Path clean = tmp.resolve("clean");
    String cleanGraph;
    LoadJob.View cleanView;
    try (GraphStore store = GraphStore.open(clean, LoadCommand.config(clean, null))) {
      cleanView = LoadTestSupport.load(store, BulkLoader.defaultJobDir(clean),
          LoadOptions.defaults().withFailOnError(false).withBatchStatements(5000), data);
      cleanGraph = LoadTestSupport.describe(store);
    }
    Random rnd = new Random(3);
    int killedWithRunsPending = 0;
    for (int round = 0; round < 3; round++) {
      Path crashed = tmp.resolve("crashed-" + round);
      Path out = tmp.resolve("child-" + round + ".out");
      Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), MergeKillTest.class.getName(),
          "--failOnError", "FALSE", "--batchStatements", "5000", crashed.toString(),
          data.toString())
          .redirectOutput(out.toFile())
          .redirectError(tmp.resolve("child-" + round + ".err").toFile())
          .start();
      int steps = 1 + rnd.nextInt(20 + 40 * round); // later rounds reach later merges
      waitForSteps(out, steps, child);
      Thread.sleep(rnd.nextInt(15));
      child.toHandle().destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      boolean runsLeft;
      try (var files = Files.list(crashed.resolve(PendingRuns.DIR))) {
        runsLeft = files.anyMatch(f -> f.getFileName().toString().startsWith("run-"));
      }
      killedWithRunsPending += runsLeft ? 1 : 0;
      try (GraphStore store = GraphStore.open(crashed, LoadCommand.config(crashed, null))) {
        TestStores.assertConsistent(store); // open finished the merges
      }
      try (var files = Files.list(crashed.resolve(PendingRuns.DIR))) {
        assertEquals(0, files.filter(f -> f.getFileName().toString().startsWith("run-")).count());
      }
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      int status = LoadCommand.run(new String[] {"--failOnError", "FALSE", "--mode", "RESUME",
          "--batchStatements", "5000", crashed.toString(), data.toString()},
          new PrintStream(o, true, StandardCharsets.UTF_8), System.err, false);
      assertEquals(1, status, o.toString()); // LOAD_FAILED: the data has bad rows on purpose
      try (GraphStore store = GraphStore.open(crashed, LoadCommand.config(crashed, null))) {
        TestStores.assertConsistent(store);
        KillAndResumeTest.assertSame(cleanGraph, LoadTestSupport.describe(store), "graph");
        LoadJob.View v = new BulkLoader(store, BulkLoader.defaultJobDir(crashed))
            .prepare(List.of(data), LoadOptions.defaults()).view();
        assertEquals(cleanView.overall().totalRecords, v.overall().totalRecords);
        assertEquals(cleanView.overall().errors(), v.overall().errors());
      }
      System.out.printf("MergeKillTest round %d: killed after %d merge steps, runs left: %s%n",
          round, steps, runsLeft);
    }
    assertTrue(killedWithRunsPending >= 2,
        "killed with runs pending only " + killedWithRunsPending + " times");
  }

  private static void waitForSteps(Path out, int steps, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (Files.exists(out)) {
        String s = Files.readString(out);
        int n = 0;
        for (int i = s.indexOf("merge step"); i >= 0; i = s.indexOf("merge step", i + 1)) {
          n++;
        }
        if (n >= steps) {
          return;
        }
      }
      if (!child.isAlive()) {
        return; // finished before that step: the round kills nothing pending
      }
      Thread.sleep(2);
    }
    fail("the child did not reach merge step " + steps);
  }
}
