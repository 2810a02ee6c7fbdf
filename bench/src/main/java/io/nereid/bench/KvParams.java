package io.nereid.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the {@code kv} benchmark. The launcher parses them from the command line and hands
 * the same options on to each forked measurement JVM.
 *
 * @param n entries in the data set
 * @param valueBytes bytes per value (keys are always 16 bytes)
 * @param gets random point gets per iteration
 * @param scans range scans per iteration
 * @param scanLength entries per range scan
 * @param warmups untimed iterations before the timed ones (reads)
 * @param iterations timed iterations (reads); the median is reported
 * @param bulkWarmups untimed bulk ingests
 * @param bulkIterations timed bulk ingests
 * @param commitSeconds measured duration of each durable-commit phase (after a warmup)
 * @param writers concurrent writers of the multi-writer durable-commit phase
 * @param bulkPartitions partitions of the extra kv-layer bulk-ingest measurement
 * @param seed seed of the random get keys and scan starts
 */
record KvParams(
    int n,
    int valueBytes,
    int gets,
    int scans,
    int scanLength,
    int warmups,
    int iterations,
    int bulkWarmups,
    int bulkIterations,
    double commitSeconds,
    int writers,
    int bulkPartitions,
    long seed) {

  static KvParams defaults() {
    return new KvParams(1_000_000, 100, 1_000_000, 100_000, 10, 1, 3, 1, 2, 1.5, 16, 8, 42L);
  }

  /** About 20 s: a smoke run that every workload and implementation passes through. */
  static KvParams quick() {
    return new KvParams(100_000, 100, 200_000, 20_000, 10, 1, 3, 1, 2, 1.0, 16, 8, 42L);
  }

  /** Rounds of the launcher: every implementation runs once per round, in a fresh JVM. */
  static int defaultRounds(boolean quick) {
    return quick ? 1 : 2;
  }

  KvParams {
    if (n < scanLength + 1 || gets < 1 || scans < 1 || scanLength < 1 || valueBytes < 1) {
      throw new IllegalArgumentException("need n > scan length and positive sizes: " + this);
    }
    if (warmups < 0 || iterations < 1 || bulkWarmups < 0 || bulkIterations < 1) {
      throw new IllegalArgumentException("need iterations >= 1 and warmups >= 0");
    }
    if (commitSeconds <= 0 || writers < 1 || bulkPartitions < 1 || bulkPartitions > 256) {
      throw new IllegalArgumentException("need commit seconds > 0, writers >= 1, 1..256 partitions");
    }
  }

  /** Warmup of each durable-commit phase: a third of its duration, at least 0.25 s. */
  double commitWarmupSeconds() {
    return Math.max(0.25, commitSeconds / 3);
  }

  /**
   * LMDB map size for a data set of this size, the same for raw lmdbjava and each kv partition:
   * ample (it is address space; the file grows only as pages are used), so that neither side
   * grows its map during a measurement (the kv-layer grows ahead when a batch's size times 3 would
   * pass 3/4 of the map).
   */
  long mapSize() {
    long perEntry = 16 + valueBytes + 64; // key + value + node header and page slack
    return Math.max(1L << 30, 5 * perEntry * n);
  }

  /** Options that rebuild these parameters with {@link #parse(KvParams, List)}. */
  List<String> toArgs() {
    List<String> a = new ArrayList<>();
    add(a, "--n", n);
    add(a, "--value-bytes", valueBytes);
    add(a, "--gets", gets);
    add(a, "--scans", scans);
    add(a, "--scan-length", scanLength);
    add(a, "--warmups", warmups);
    add(a, "--iterations", iterations);
    add(a, "--bulk-warmups", bulkWarmups);
    add(a, "--bulk-iterations", bulkIterations);
    add(a, "--commit-seconds", commitSeconds);
    add(a, "--writers", writers);
    add(a, "--bulk-partitions", bulkPartitions);
    add(a, "--seed", seed);
    return a;
  }

  private static void add(List<String> a, String name, Object value) {
    a.add(name);
    a.add(String.valueOf(value));
  }

  /** True when {@code option} is one of this record's options (it then takes one value). */
  static boolean isOption(String option) {
    return defaults().toArgs().contains(option);
  }

  /** {@code base} with the options in {@code args} (pairs of name and value) applied. */
  static KvParams parse(KvParams base, List<String> args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!isOption(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      m.put(name, args.get(i + 1).replace("_", "").replace(",", ""));
    }
    return new KvParams(
        num(m, "--n", base.n),
        num(m, "--value-bytes", base.valueBytes),
        num(m, "--gets", base.gets),
        num(m, "--scans", base.scans),
        num(m, "--scan-length", base.scanLength),
        num(m, "--warmups", base.warmups),
        num(m, "--iterations", base.iterations),
        num(m, "--bulk-warmups", base.bulkWarmups),
        num(m, "--bulk-iterations", base.bulkIterations),
        m.containsKey("--commit-seconds")
            ? Double.parseDouble(m.get("--commit-seconds"))
            : base.commitSeconds,
        num(m, "--writers", base.writers),
        num(m, "--bulk-partitions", base.bulkPartitions),
        m.containsKey("--seed") ? Long.parseLong(m.get("--seed")) : base.seed);
  }

  private static int num(Map<String, String> m, String name, int dflt) {
    String v = m.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, not " + v);
    }
  }

  /** Where data directories go when no {@code --dir} is given. */
  static Path defaultDataParent() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }
}
