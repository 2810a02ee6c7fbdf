package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/nereid load}'s main ({@link LoadCommand}) in a child JVM on a generated graph in
 * small batches, kills it with SIGKILL at random moments (several times, each run resuming the
 * last), checks after every kill that the store is consistent (no dangling edge, no half batch),
 * then lets a last run finish. The final graph must equal a clean load of the same files, with
 * the same statement count and the same errors. The files mix plain, .gz and .bz2, rows that
 * merge into vertices of earlier batches (new labels, set values), duplicates and bad rows.
 */
class KillAndResumeTest {

  static final int PERSONS = 20_000;
  static final int EDGES = 100_000;

  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void killedLoadsResumeToTheGraphOfACleanLoad() throws Exception {
    Path data = tmp.resolve("data");
    generate(data, new Random(7));
    Path crashed = tmp.resolve("crashed");
    Random rnd = new Random(11);
    int partial = 0;
    for (int round = 0; round < 4; round++) {
      Process child = startChild(crashed, data, round);
      Path err = tmp.resolve("child-" + round + ".err");
      waitFor(err, "file(s) to load", child);
      Thread.sleep(300 + 400L * round + rnd.nextInt(600)); // later rounds get further
      child.toHandle().destroyForcibly(); // SIGKILL
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      try (GraphStore store = GraphStore.open(crashed, LoadCommand.config(crashed, null))) {
        TestStores.assertConsistent(store);
        LoadJob job = new BulkLoader(store, BulkLoader.defaultJobDir(crashed))
            .prepare(List.of(data), LoadOptions.defaults());
        boolean finished = job.feeds().stream().allMatch(LoadFeed::done);
        System.out.printf("KillAndResumeTest round %d: killed %s; files done %d of %d%n", round,
            finished ? "after the end" : "mid-load",
            job.feeds().stream().filter(LoadFeed::done).count(), job.feeds().size());
        partial += finished ? 0 : 1;
      }
    }
    assertTrue(partial >= 2, "the child was killed mid-load only " + partial + " times");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = LoadCommand.run(new String[] {"--failOnError", "FALSE", "--mode", "RESUME",
        "--batchStatements", "5000", crashed.toString(), data.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
    assertEquals(1, status, out.toString()); // LOAD_FAILED: the data has bad rows on purpose

    Path clean = tmp.resolve("clean");
    LoadJob.View cleanView;
    LoadJob.View resumedView;
    String cleanGraph;
    try (GraphStore store = GraphStore.open(clean, LoadCommand.config(clean, null))) {
      cleanView = LoadTestSupport.load(store, BulkLoader.defaultJobDir(clean),
          LoadOptions.defaults().withFailOnError(false), data);
      cleanGraph = LoadTestSupport.describe(store);
      TestStores.assertConsistent(store);
    }
    try (GraphStore store = GraphStore.open(crashed, LoadCommand.config(crashed, null))) {
      TestStores.assertConsistent(store);
      assertSame(cleanGraph, LoadTestSupport.describe(store), "graph");
      LoadJob job = new BulkLoader(store, BulkLoader.defaultJobDir(crashed))
          .prepare(List.of(data), LoadOptions.defaults());
      resumedView = job.view();
    }
    assertTrue(cleanView.overall().errors() > 0, "the data set has bad rows");
    assertEquals(cleanView.overall().totalRecords, resumedView.overall().totalRecords);
    assertEquals(cleanView.overall().errors(), resumedView.overall().errors());
    assertSame(String.join("\n", errorSet(cleanView)), String.join("\n", errorSet(resumedView)),
        "errors");
    assertTrue(resumedView.runNumber() >= 5, "run " + resumedView.runNumber());
  }

  /** Equality of long texts, reporting the first line that differs (not both texts). */
  static void assertSame(String want, String got, String what) {
    if (want.equals(got)) {
      return;
    }
    String[] a = want.split("\n");
    String[] b = got.split("\n");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "(end)";
      String y = i < b.length ? b[i] : "(end)";
      if (!x.equals(y)) {
        fail(what + " differ at line " + (i + 1) + " of " + a.length + "/" + b.length
            + ": expected " + x + " but was " + y);
      }
    }
  }

  private static List<String> errorSet(LoadJob.View v) {
    List<String> out = new ArrayList<>();
    v.errors().forEach(e -> out.add(Path.of(e.fileName()).getFileName() + ":" + e.line() + ":"
        + e.code()));
    out.sort(null);
    return out;
  }

  private Process startChild(Path store, Path data, int round) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
        System.getProperty("java.class.path"), LoadCommand.class.getName(),
        "--failOnError", "FALSE", "--batchStatements", "5000", store.toString(), data.toString())
        .redirectError(tmp.resolve("child-" + round + ".err").toFile())
        .redirectOutput(tmp.resolve("child-" + round + ".out").toFile())
        .start();
  }

  private static void waitFor(Path file, String text, Process child) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        return;
      }
      if (!child.isAlive()) {
        fail("the child ended: " + Files.readString(file));
      }
      Thread.sleep(20);
    }
    fail("the child did not start loading");
  }

  /** Vertex files (one gzip), then edge files (one bzip2); some rows merge or fail on purpose. */
  static void generate(Path dir, Random rnd) throws IOException {
    Files.createDirectories(dir);
    try (Writer w = writer(dir.resolve("persons.csv.gz"))) {
      w.write("~id,~label,name:String,age:Int,tags:String[],born:Date\n");
      for (int i = 0; i < PERSONS; i++) {
        w.write("p" + i + ",person,\"Person, " + i + "\"," + (18 + rnd.nextInt(60)) + ","
            + "t" + rnd.nextInt(5) + ";t" + rnd.nextInt(5) + ",19" + (50 + rnd.nextInt(50))
            + "-0" + (1 + rnd.nextInt(9)) + "-1" + rnd.nextInt(10) + "\n");
      }
    }
    try (Writer w = writer(dir.resolve("persons-more.csv"))) {
      w.write("~id,~label,nick:String(set),age:Int\n");
      for (int i = 0; i < PERSONS; i += 7) {
        // A second label (merged into the stored vertex), a set value, the same age or a bad one.
        w.write("p" + i + ",employee,n" + i + "," + (i % 5 == 0 ? "x" : "") + "\n");
      }
    }
    try (Writer w = writer(dir.resolve("knows.csv.bz2"))) {
      w.write("~id,~from,~to,~label,weight:Double,since:Date\n");
      for (int i = 0; i < EDGES; i++) {
        int to = i % 997 == 0 ? PERSONS + i : rnd.nextInt(PERSONS); // some missing vertices
        w.write("e" + i + ",p" + rnd.nextInt(PERSONS) + ",p" + to + ",knows,"
            + rnd.nextInt(100) / 10.0 + ",20" + (10 + rnd.nextInt(10)) + "-01-01T12:00:00Z\n");
      }
    }
    try (Writer w = writer(dir.resolve("likes.csv"))) {
      w.write("~id,~from,~to,~label\n");
      for (int i = 0; i < EDGES / 10; i++) {
        w.write("l" + i + ",p" + rnd.nextInt(PERSONS) + ",p" + rnd.nextInt(PERSONS) + ",likes\n");
        if (i % 100 == 0) {
          w.write("l" + i + ",p0,p1,likes\n"); // the id again with other ends: an insert error
        }
      }
    }
  }

  private static Writer writer(Path f) throws IOException {
    OutputStream out = Files.newOutputStream(f);
    String n = f.getFileName().toString();
    if (n.endsWith(".gz")) {
      out = new GZIPOutputStream(out);
    } else if (n.endsWith(".bz2")) {
      out = new BZip2CompressorOutputStream(out);
    }
    return new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }
}
