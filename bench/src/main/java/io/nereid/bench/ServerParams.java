package io.nereid.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of the {@code server} benchmark.
 *
 * @param persons person vertices of the generated social graph (the graph benchmark's generator)
 * @param avgDegree average {@code knows} out-edges per person
 * @param clients the concurrencies measured: that many client threads, each with one request in
 *     flight at a time (closed loop)
 * @param warmupSeconds untimed load before every measured cell (a query at a concurrency on a server)
 * @param seconds measured time of every cell per round
 * @param rounds rounds; each measures every cell once, the servers' order alternating
 * @param checks random persons whose answers are compared between the two servers before timing
 * @param partitions partitions of the Nereid store
 * @param seed seed of the graph and of the clients' random ids
 */
record ServerParams(
    int persons,
    int avgDegree,
    List<Integer> clients,
    double warmupSeconds,
    double seconds,
    int rounds,
    int checks,
    int partitions,
    long seed) {

  static ServerParams defaults() {
    return new ServerParams(100_000, 10, List.of(1, 8, 32), 2, 8, 2, 500, 8, 42L);
  }

  /** A smoke run of about a minute. */
  static ServerParams quick() {
    return new ServerParams(5_000, 10, List.of(1, 8, 32), 0.5, 2, 1, 100, 8, 42L);
  }

  ServerParams {
    clients = List.copyOf(clients);
    if (persons < 10 || avgDegree < 1 || avgDegree > persons / 4) {
      throw new IllegalArgumentException("need at least 10 persons and 1 <= avg degree <= persons / 4");
    }
    if (clients.isEmpty() || clients.stream().anyMatch(c -> c < 1 || c > 1024)) {
      throw new IllegalArgumentException("--clients takes numbers from 1 to 1024: " + clients);
    }
    if (warmupSeconds < 0 || seconds <= 0 || rounds < 1 || checks < 1) {
      throw new IllegalArgumentException("need seconds > 0, rounds >= 1, checks >= 1");
    }
    if (partitions < 1 || partitions > 256) {
      throw new IllegalArgumentException("need 1..256 partitions");
    }
  }

  /** The graph benchmark's parameters that generate the same graph. */
  GraphParams graph() {
    return GraphParams.parse(GraphParams.defaults(), List.of(
        "--persons", String.valueOf(persons), "--avg-degree", String.valueOf(avgDegree),
        "--partitions", String.valueOf(partitions), "--seed", String.valueOf(seed)));
  }

  private static final List<String> OPTIONS = List.of("--persons", "--avg-degree", "--clients",
      "--warmup-seconds", "--seconds", "--rounds", "--checks", "--partitions", "--seed");

  static boolean isOption(String option) {
    return OPTIONS.contains(option);
  }

  /** {@code base} with the options in {@code args} (pairs of name and value) applied. */
  static ServerParams parse(ServerParams base, List<String> args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      if (!isOption(args.get(i))) {
        throw new IllegalArgumentException("unknown option " + args.get(i));
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException(args.get(i) + " needs a value");
      }
      m.put(args.get(i), args.get(i + 1).replace("_", ""));
    }
    try {
      List<Integer> clients = base.clients;
      if (m.containsKey("--clients")) {
        clients = new ArrayList<>();
        for (String c : m.get("--clients").split(",")) {
          clients.add(Integer.parseInt(c.strip()));
        }
      }
      return new ServerParams(
          Integer.parseInt(m.getOrDefault("--persons", String.valueOf(base.persons))),
          Integer.parseInt(m.getOrDefault("--avg-degree", String.valueOf(base.avgDegree))),
          clients,
          Double.parseDouble(m.getOrDefault("--warmup-seconds", String.valueOf(base.warmupSeconds))),
          Double.parseDouble(m.getOrDefault("--seconds", String.valueOf(base.seconds))),
          Integer.parseInt(m.getOrDefault("--rounds", String.valueOf(base.rounds))),
          Integer.parseInt(m.getOrDefault("--checks", String.valueOf(base.checks))),
          Integer.parseInt(m.getOrDefault("--partitions", String.valueOf(base.partitions))),
          Long.parseLong(m.getOrDefault("--seed", String.valueOf(base.seed))));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return "persons=" + persons + " avgDegree=" + avgDegree + " clients=" + clients
        + " warmup=" + warmupSeconds + "s seconds=" + seconds + " rounds=" + rounds
        + " partitions=" + partitions + " seed=" + seed;
  }

  static String clientsList(List<Integer> clients) {
    return String.join(", ", Arrays.stream(clients.toArray()).map(String::valueOf).toList());
  }
}
