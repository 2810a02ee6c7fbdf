package io.nereid.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the {@code graph} benchmark.
 *
 * @param persons person vertices of the generated social graph (the scale)
 * @param avgDegree average number of {@code knows} out-edges per person (exact in total)
 * @param cities city vertices; 0 means persons / 100 (at least 10)
 * @param samples start vertices (persons, cities, names) timed per per-vertex query and round
 * @param warmups untimed rounds before the timed ones
 * @param rounds timed rounds; every round runs every query on both graphs, interleaved
 * @param scanRuns runs of each full-scan query per graph and round
 * @param batch elements per committed transaction while loading Nereid
 * @param sinceAfter the Y of {@code has('since', gt(Y))}
 * @param partitions partitions of the Nereid store (its default is 8)
 * @param seed seed of the generated graph and of the samples
 * @param nereidLoader how the CSV files go into Nereid: {@code api} (the structure API, the same
 *     code as for TinkerGraph) or {@code bulk} (Nereid's bulk loader)
 */
record GraphParams(
    int persons,
    int avgDegree,
    int cities,
    int samples,
    int warmups,
    int rounds,
    int scanRuns,
    int batch,
    int sinceAfter,
    int partitions,
    long seed,
    String nereidLoader) {

  static final List<String> NEREID_LOADERS = List.of("api", "bulk");

  static GraphParams defaults() {
    return new GraphParams(100_000, 10, 0, 1000, 3, 5, 5, 10_000, 2005, 8, 42L, "api");
  }

  /** A smoke run of well under a minute. */
  static GraphParams quick() {
    return new GraphParams(5_000, 10, 0, 300, 2, 3, 3, 10_000, 2005, 8, 42L, "api");
  }

  GraphParams {
    if (persons < 10 || avgDegree < 1 || avgDegree > persons / 4 || cities < 0) {
      throw new IllegalArgumentException(
          "need at least 10 persons and 1 <= avg degree <= persons / 4: " + this);
    }
    if (samples < 1 || warmups < 0 || rounds < 1 || scanRuns < 1 || batch < 1) {
      throw new IllegalArgumentException("need samples, rounds, scan runs, batch >= 1: " + this);
    }
    if (partitions < 1 || partitions > 256) {
      throw new IllegalArgumentException("need 1..256 partitions: " + this);
    }
    if (!NEREID_LOADERS.contains(nereidLoader)) {
      throw new IllegalArgumentException("--nereid-loader takes one of " + NEREID_LOADERS);
    }
  }

  /** Cities of the graph: {@link #cities} or, when 0, persons / 100 (at least 10). */
  int cityCount() {
    return cities > 0 ? cities : Math.max(10, persons / 100);
  }

  /** Options that rebuild these parameters with {@link #parse(GraphParams, List)}. */
  List<String> toArgs() {
    List<String> a = new ArrayList<>();
    add(a, "--persons", persons);
    add(a, "--avg-degree", avgDegree);
    add(a, "--cities", cities);
    add(a, "--samples", samples);
    add(a, "--warmups", warmups);
    add(a, "--rounds", rounds);
    add(a, "--scan-runs", scanRuns);
    add(a, "--batch", batch);
    add(a, "--since-after", sinceAfter);
    add(a, "--partitions", partitions);
    add(a, "--seed", seed);
    add(a, "--nereid-loader", nereidLoader);
    return a;
  }

  private static void add(List<String> a, String name, Object value) {
    a.add(name);
    a.add(String.valueOf(value));
  }

  static boolean isOption(String option) {
    return defaults().toArgs().contains(option);
  }

  /** {@code base} with the options in {@code args} (pairs of name and value) applied. */
  static GraphParams parse(GraphParams base, List<String> args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      String name = args.get(i);
      if (!isOption(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      String v = args.get(i + 1);
      m.put(name, name.equals("--nereid-loader") ? v : v.replace("_", "").replace(",", ""));
    }
    return new GraphParams(
        num(m, "--persons", base.persons),
        num(m, "--avg-degree", base.avgDegree),
        num(m, "--cities", base.cities),
        num(m, "--samples", base.samples),
        num(m, "--warmups", base.warmups),
        num(m, "--rounds", base.rounds),
        num(m, "--scan-runs", base.scanRuns),
        num(m, "--batch", base.batch),
        num(m, "--since-after", base.sinceAfter),
        num(m, "--partitions", base.partitions),
        m.containsKey("--seed") ? Long.parseLong(m.get("--seed")) : base.seed,
        m.getOrDefault("--nereid-loader", base.nereidLoader));
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
}
