package io.nereid.bench;

import io.nereid.kv.KvStats;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The {@code kv} benchmark: Nereid's kv-layer API against raw lmdbjava on the same data. The
 * launcher runs each implementation in a JVM of its own (so the JIT profiles of one never shape the
 * code of another), collects their results and prints the report; each worker JVM generates the
 * same data from the same seed, loads it with the bulk-ingest measurement and then reads it.
 */
final class KvBench {

  /** Implementations, in the order they run: one worker JVM each. */
  static final List<String> IMPLEMENTATIONS =
      List.of(RawLmdb.BYTE_BUFFER, RawLmdb.AGRONA, KvLayer.VARIANT);

  static final String UNAVAILABLE = "#UNAVAILABLE";

  /** Windows per round of each kv durable-commit phase, alternating 1 and N writers. */
  static final int COMMIT_ALTERNATIONS = 3;

  /** Full scans per timed iteration: one pass is short enough for a GC pause to skew it. */
  static final int FULL_PASSES = 3;

  /**
   * How the launcher runs.
   *
   * @param dataParent where the temporary data directory goes
   * @param rounds how many times each implementation runs (in turn, a fresh JVM each time); the
   *     samples of all rounds are pooled, so that a burst of other work on the machine hits every
   *     implementation alike instead of one
   * @param fork one JVM per implementation (false: all in this JVM, for debugging)
   * @param jfrDir when set, each worker JVM records a JFR profile there
   * @param only implementations to run
   * @param docs when set, the BENCHMARKS.md whose section to rewrite
   */
  record Options(
      KvParams params,
      int rounds,
      Path dataParent,
      boolean fork,
      Path jfrDir,
      List<String> only,
      Path docs) {}

  /** What the workers reported. */
  static final class Outcome {
    final List<Result> results = new ArrayList<>();
    final Map<String, String> unavailable = new LinkedHashMap<>();
    final Map<String, String> failed = new LinkedHashMap<>();

    /** Merges the results of several rounds: one result per workload and variant. */
    void pool() {
      Map<String, Result> merged = new LinkedHashMap<>();
      for (Result r : results) {
        merged.merge(r.workload() + "/" + r.variant(), r, Result::pooledWith);
      }
      results.clear();
      results.addAll(merged.values());
    }
  }

  /** The worker JVM running now, if any. */
  private static volatile Process running;

  private KvBench() {}

  /** Runs the benchmark and prints (and maybe writes) the report; returns the exit code. */
  static int run(Options o) throws Exception {
    Files.createDirectories(o.dataParent());
    Path base = Files.createTempDirectory(o.dataParent(), "nereid-bench-kv-");
    Thread cleanup = new Thread(() -> {
      Process child = running;
      if (child != null) {
        child.destroy(); // interrupted (Ctrl-C): no worker outlives the launcher
      }
      deleteTree(base);
    });
    Runtime.getRuntime().addShutdownHook(cleanup);
    ZonedDateTime started = ZonedDateTime.now();
    MachineInfo machine = MachineInfo.collect(base);
    Log.info("data under %s (%s); %s", base, machine.filesystem(), o.params());
    Outcome out = new Outcome();
    try {
      for (int round = 1; round <= o.rounds(); round++) {
        for (String impl : o.only()) {
          if (out.failed.containsKey(impl) || out.unavailable.containsKey(impl)) {
            continue;
          }
          Log.info("round %d of %d: %s", round, o.rounds(), impl);
          Path dir = Files.createDirectories(base.resolve(impl + "-" + round));
          if (o.fork()) {
            runForked(impl, o, dir, round, out);
          } else {
            runInProcess(impl, o.params(), dir, out);
          }
          deleteTree(dir);
        }
      }
    } finally {
      deleteTree(base);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    List<String> problems = new ArrayList<>();
    out.failed.forEach((impl, why) -> problems.add(impl + " failed: " + why));
    problems.addAll(checksumMismatches(out.results));
    out.pool();
    String section = MarkdownReport.kvSection(o.params(), o.rounds(), machine,
        MachineInfo.currentLoadAverage(),
        started, command(), o.only(), out, problems);
    System.out.println(section);
    if (o.docs() != null) {
      if (problems.isEmpty()) {
        MarkdownReport.writeSection(o.docs(), section);
        Log.info("wrote the section \"%s\" of %s", MarkdownReport.KV_HEADING, o.docs());
      } else {
        Log.info("NOT writing %s: %s", o.docs(), problems);
      }
    }
    return problems.isEmpty() ? 0 : 1;
  }

  /** The command as a user types it from a fresh checkout. */
  private static String command() {
    return "mvn -q -B -pl bench -am package -DskipTests && "
        + System.getProperty("bench.command", "bench/run kv").strip();
  }

  private static void runInProcess(String impl, KvParams p, Path dir, Outcome out) {
    try {
      work(impl, p, dir, out.results::add);
    } catch (UnsupportedOperationException e) {
      out.unavailable.put(impl, String.valueOf(e.getMessage()));
    } catch (Exception e) {
      e.printStackTrace();
      out.failed.put(impl, e.toString());
    }
  }

  private static void runForked(String impl, Options o, Path dir, int round, Outcome out)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    if (o.jfrDir() != null) {
      Files.createDirectories(o.jfrDir());
      Path jfr = o.jfrDir().toAbsolutePath().resolve(impl + "-" + round + ".jfr");
      cmd.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
      Log.info("%s: JFR recording to %s", impl, jfr);
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchMain.class.getName());
    cmd.add(BenchMain.KV_WORKER);
    cmd.add(impl);
    cmd.add(dir.toString());
    cmd.addAll(o.params().toArgs());
    Log.info("%s: forking a JVM", impl);
    Process proc =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    running = proc;
    proc.getOutputStream().close();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (Result.isLine(line)) {
          out.results.add(Result.parse(line));
        } else if (line.startsWith(UNAVAILABLE + "\t")) {
          out.unavailable.put(impl, line.substring(UNAVAILABLE.length() + 1));
        } else {
          System.err.println(line);
        }
      }
    }
    int rc = proc.waitFor();
    running = null;
    if (rc != 0) {
      out.failed.put(impl, "worker JVM exited with " + rc);
    }
  }

  /** Entry of a worker JVM: runs one implementation, results on standard output. */
  static int worker(String impl, Path dir, KvParams p) {
    Log.prefix(impl);
    try {
      work(impl, p, dir, r -> {
        System.out.println(r.toLine());
        System.out.flush();
      });
      return 0;
    } catch (UnsupportedOperationException e) {
      Log.info("not available: %s", e);
      System.out.println(UNAVAILABLE + "\t" + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
      return 0;
    } catch (Exception e) {
      e.printStackTrace();
      return 2;
    }
  }

  /** Every workload of one implementation. */
  static void work(String impl, KvParams p, Path dir, Consumer<Result> sink) throws Exception {
    Log.info("generating %,d entries", p.n());
    Dataset d = Dataset.generate(p);
    switch (impl) {
      case RawLmdb.BYTE_BUFFER, RawLmdb.AGRONA -> raw(impl, p, d, dir, sink);
      case KvLayer.VARIANT -> kv(p, d, dir, sink);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    }
  }

  private static void raw(String flavour, KvParams p, Dataset d, Path dir, Consumer<Result> sink)
      throws Exception {
    int runs = p.bulkWarmups() + p.bulkIterations();
    Timer.Samples bulk = new Timer.Samples("bulk", flavour, d.n, p.bulkWarmups());
    RawLmdb<?> loaded = null;
    for (int i = 0; i < runs; i++) {
      Path di = Files.createDirectories(dir.resolve("bulk-" + i));
      RawLmdb<?> r = RawLmdb.open(flavour, di, p.mapSize());
      System.gc();
      long t0 = System.nanoTime();
      long count = r.bulkAppend(d.keys, d.values);
      bulk.add(System.nanoTime() - t0, count);
      if (i < runs - 1) {
        r.close();
        deleteTree(di);
      } else {
        loaded = r;
      }
    }
    sink.accept(bulk.result("MDB_APPEND through one cursor, one write txn, commit + env.sync(true)"));

    try (RawLmdb<?> r = loaded) {
      int w = p.warmups();
      int it = p.iterations();
      sink.accept(Timer.measure("get", flavour, d.getIds.length, w, it, "", () -> r.gets(d, true)));
      if (flavour.equals(RawLmdb.BYTE_BUFFER)) {
        sink.accept(Timer.measure("get", flavour + "-nocopy", d.getIds.length, w, it, "",
            () -> r.gets(d, false)));
      }
      sink.accept(Timer.measure("scan", flavour, d.scanStarts.length, w, it, "", () -> r.scans(d)));
      sink.accept(Timer.measure("full", flavour, FULL_PASSES * (long) d.n, w, it, "",
          () -> passes(() -> r.fullScan(true))));
      sink.accept(Timer.measure("full", flavour + "-nocopy", FULL_PASSES * (long) d.n, w, it, "",
          () -> passes(() -> r.fullScan(false))));
    }
    deleteTree(dir.resolve("bulk-" + (runs - 1)));

    if (flavour.equals(RawLmdb.BYTE_BUFFER)) {
      Path dc = Files.createDirectories(dir.resolve("commit"));
      byte[] value = d.values[0];
      try (RawLmdb<?> r = RawLmdb.open(flavour, dc, p.mapSize())) {
        sink.accept(Timer.throughput("commit", flavour + "-1w", 1, p.commitWarmupSeconds(),
            p.commitSeconds(), 3, "txn with 1 put + commit, default env flags (fsync per commit)",
            (t, seq) -> r.commitOne(Dataset.commitKey(t, seq), value)));
      }
      deleteTree(dc);
    }
  }

  private static void kv(KvParams p, Dataset d, Path dir, Consumer<Result> sink) throws Exception {
    String v = KvLayer.VARIANT;
    int runs = p.bulkWarmups() + p.bulkIterations();
    Timer.Samples bulk = new Timer.Samples("bulk", v, d.n, p.bulkWarmups());
    KvLayer loaded = null;
    for (int i = 0; i < runs; i++) {
      Path di = Files.createDirectories(dir.resolve("bulk-" + i));
      KvLayer kv = KvLayer.open(di, 1, p.mapSize());
      System.gc();
      long t0 = System.nanoTime();
      long count = kv.bulk(d);
      bulk.add(System.nanoTime() - t0, count);
      if (i < runs - 1) {
        kv.close();
        deleteTree(di);
      } else {
        loaded = kv;
      }
    }
    sink.accept(bulk.result("one BulkBatch, sorted puts, commit; " + growths(loaded.stats())));

    try (KvLayer kv = loaded) {
      int w = p.warmups();
      int it = p.iterations();
      sink.accept(Timer.measure("get", v, d.getIds.length, w, it, "", () -> kv.gets(d)));
      sink.accept(Timer.measure("scan", v, d.scanStarts.length, w, it, "", () -> kv.scans(d)));
      sink.accept(Timer.measure("full", v, FULL_PASSES * (long) d.n, w, it, "",
          () -> passes(kv::fullScan)));
    }
    deleteTree(dir.resolve("bulk-" + (runs - 1)));

    commitPhases(p, d.values[0], Files.createDirectories(dir.resolve("commit")), sink);
    deleteTree(dir.resolve("commit"));

    int parts = p.bulkPartitions();
    Timer.Samples bulkP = new Timer.Samples("bulk", v + "-" + parts + "p", d.n, p.bulkWarmups());
    String note = "";
    for (int i = 0; i < runs; i++) {
      Path di = Files.createDirectories(dir.resolve("bulk" + parts + "p-" + i));
      try (KvLayer kv = KvLayer.open(di, parts, p.mapSize())) {
        System.gc();
        long t0 = System.nanoTime();
        long count = kv.bulk(d);
        bulkP.add(System.nanoTime() - t0, count);
        note = "entry i in partition i % " + parts + "; " + growths(kv.stats());
      }
      deleteTree(di);
    }
    sink.accept(bulkP.result(note));
  }

  /**
   * The durable-commit phases of the kv-layer: one writer, then {@code writers} writers, then one
   * again and so on ({@link #COMMIT_ALTERNATIONS} windows each, on one store), so that both see the
   * same disk: how fast an fsync is varies with other work on the machine, and the ratio of the two
   * is the group-commit target. Each writer of each window has keys of its own.
   */
  private static void commitPhases(KvParams p, byte[] value, Path dir, Consumer<Result> sink)
      throws Exception {
    String v = KvLayer.VARIANT;
    int[] counts = {1, p.writers()};
    List<List<Double>> rates = List.of(new ArrayList<>(), new ArrayList<>());
    long[] commits = new long[2];
    long[] syncs = new long[2];
    long[] conflicts = new long[2];
    double window = p.commitSeconds() / COMMIT_ALTERNATIONS;
    try (KvLayer kv = KvLayer.open(dir, 1, p.mapSize())) {
      for (int rep = 0; rep < COMMIT_ALTERNATIONS; rep++) {
        for (int k = 0; k < 2; k++) {
          int writers = counts[k];
          int firstId = (rep * 2 + k) * p.writers();
          double warm = rep == 0 ? p.commitWarmupSeconds() : 0.1;
          KvStats before = kv.stats();
          Result r = Timer.throughput("commit", v + "-" + writers + "w", writers, warm, window, 1,
              "", (t, seq) -> kv.commitOne(Dataset.commitKey(firstId + t, seq), value));
          KvStats after = kv.stats();
          rates.get(k).add(r.opsPerSecond()[0]);
          commits[k] += after.commits() - before.commits();
          syncs[k] += after.walSyncs() - before.walSyncs();
          conflicts[k] += after.conflicts() - before.conflicts();
        }
      }
    }
    for (int k = 0; k < 2; k++) {
      String note = String.format(Locale.ROOT, "%.1f commits per WAL fsync, %d conflicts",
          syncs[k] == 0 ? 0.0 : (double) commits[k] / syncs[k], conflicts[k]);
      sink.accept(new Result("commit", v + "-" + counts[k] + "w",
          rates.get(k).stream().mapToDouble(Double::doubleValue).toArray(), 0, -1, note));
    }
  }

  /** Runs {@code body} {@link #FULL_PASSES} times; the checksum of one pass. */
  private static long passes(Timer.Body body) throws Exception {
    long sum = body.run();
    for (int i = 1; i < FULL_PASSES; i++) {
      if (body.run() != sum) {
        throw new IllegalStateException("a full scan computed a different checksum");
      }
    }
    return sum;
  }

  private static String growths(KvStats s) {
    return s.mapGrowths() + " map growths";
  }

  /** Workloads whose variants computed different checksums over the same data. */
  static List<String> checksumMismatches(List<Result> results) {
    List<String> problems = new ArrayList<>();
    Map<String, Result> first = new LinkedHashMap<>();
    for (Result r : results) {
      if (r.workload().equals("commit")) {
        continue;
      }
      Result f = first.putIfAbsent(r.workload(), r);
      if (f != null && f.checksum() != r.checksum()) {
        problems.add(String.format("checksum mismatch in %s: %s computed %d, %s computed %d",
            r.workload(), f.variant(), f.checksum(), r.variant(), r.checksum()));
      }
    }
    return problems;
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
