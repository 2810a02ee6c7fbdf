package io.nereid.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmark harness: {@code bench/run <benchmark> [options]}. Benchmarks: {@code
 * kv} (kv-layer API against raw lmdbjava), {@code graph} (Nereid's TinkerPop provider against
 * TinkerGraph), {@code server} (a Nereid server against Gremlin Server serving TinkerGraph). Standard output gets the Markdown report; progress goes
 * to standard error.
 */
public final class BenchMain {

  /** Internal command of the forked measurement JVMs. */
  static final String KV_WORKER = "kv-worker";

  private static final String USAGE =
      """
      usage: bench/run <benchmark> [options]      (build first: mvn -q -B -pl bench -am package -DskipTests)

      benchmarks:
        kv    Nereid's kv-layer API vs raw lmdbjava (ByteBuffer and Agrona proxies) on the same data:
              point gets, range scans, full scan, bulk ingest, durable commits (1 and 16 writers).
              Default run: N = 1,000,000, about 2-3 minutes on 2 cores.
        graph Nereid (gremlin-plugin) vs TinkerGraph on a generated social graph written as Neptune
              Gremlin CSV and loaded into both: point read, 1- and 2-hop, lookup by name, in-edges
              of a city, edge-property filter with limit, full-scan mean, edge count; identical
              Gremlin, answers checked equal. Default run: 100,000 persons, about 5 minutes.

        server
              A Nereid server vs Gremlin Server serving TinkerGraph (both in the bench JVM, the
              same yaml, the same generated graph): requests/s and latency (median, p99) of
              g.V(id).valueMap() and g.V(id).out('knows').count() with 1, 8 and 32 concurrent
              clients (Java driver, bytecode over GraphBinary). Default run: about 7 minutes.

      options of kv:
        --quick                 smoke run of about 20 s (N = 100,000, 1 round, 1 s commit phases)
        --rounds N              run each implementation N times in turn, each in a fresh JVM, and pool
                                the samples (default 2; 1 with --quick): spreads other load fairly
        --write-docs[=FILE]     (re)write the section "kv-layer vs raw lmdbjava" of docs/BENCHMARKS.md
                                (or FILE), keeping the other sections; not done when a check fails
        --dir DIR               parent of the temporary data directory (default: java.io.tmpdir);
                                the data is deleted afterwards
        --only LIST             comma-separated subset of: raw-bb, raw-agrona, kv
        --no-fork               run every implementation in this JVM (default: a JVM each)
        --jfr DIR               record a JFR profile of each forked JVM into DIR/<impl>-<round>.jfr
        --n N                   entries (default 1000000)
        --value-bytes N         value size (default 100; keys are 16 bytes)
        --gets N                random point gets per iteration (default 1000000)
        --scans N               range scans per iteration (default 100000)
        --scan-length N         entries per range scan (default 10)
        --warmups N             untimed read iterations (default 1)
        --iterations N          timed read iterations per round, median reported (default 3)
        --bulk-warmups N        untimed bulk ingests (default 1)
        --bulk-iterations N     timed bulk ingests per round (default 2)
        --commit-seconds S      measured time of each durable-commit phase per round (default 1.5)
        --writers N             writers of the concurrent durable-commit phase (default 16)
        --bulk-partitions N     partitions of the extra kv-layer bulk-ingest row (default 8)
        --seed N                seed of the random keys to get and scan (default 42)

      options of graph:
        --quick                 smoke run of well under a minute (5,000 persons, 300 samples,
                                2 warmup + 3 timed rounds)
        --write-docs[=FILE]     (re)write the section "Graph queries: Nereid vs TinkerGraph" of
                                docs/BENCHMARKS.md (or FILE); not done when the answers differ
        --dir DIR               parent of the temporary directory (CSV files, Nereid store); deleted
                                afterwards
        --csv-dir DIR           write the CSV files into DIR and keep them
        --only LIST             comma-separated subset of the queries: point-read, out-count,
                                two-hop, by-name, city-in-count, city-in-edges, since-limit,
                                mean-age, edge-count (for profiling; not with --write-docs)
        --persons N             persons (default 100000): the scale
        --avg-degree N          knows out-edges per person on average (default 10)
        --cities N              cities (default 0: persons / 100, at least 10)
        --samples N             sampled start vertices (default 1000)
        --warmups N             untimed rounds (default 3)
        --rounds N              timed rounds (default 5)
        --scan-runs N           full-scan runs per graph and round (default 5)
        --batch N               elements per Nereid transaction while loading (default 10000)
        --since-after Y         the filter has('since', gt(Y)) (default 2005)
        --partitions N          partitions of the Nereid store (default 8, Nereid's default)
        --nereid-loader L       api: load Nereid through the structure API, the same code as
                                TinkerGraph (default); bulk: with Nereid's bulk loader
        --seed N                seed of the graph and the samples (default 42)
        Both graphs live in the one bench JVM (heap -Xmx4g from the launcher: the default scale
        keeps ~1.7 GB live). For larger scales or a profile, add JVM flags in BENCH_JAVA_OPTS,
        e.g. BENCH_JAVA_OPTS="-Xms16g -Xmx16g" or "-XX:StartFlightRecording=filename=g.jfr".

      options of server:
        --quick                 smoke run of about a minute (5,000 persons, 0.5 s warmup and 2 s per
                                cell, 1 round)
        --write-docs[=FILE]     (re)write the section "Server: Nereid server vs TinkerGraph in
                                Gremlin Server" of docs/BENCHMARKS.md (or FILE); not if answers differ
        --dir DIR               parent of the temporary directory (CSV files, Nereid store)
        --persons N             persons (default 100000)
        --avg-degree N          knows out-edges per person on average (default 10)
        --clients LIST          concurrencies, comma-separated (default 1,8,32)
        --warmup-seconds S      untimed load before every measured cell (default 2)
        --seconds S             measured time per cell and round (default 8)
        --rounds N              rounds (default 2)
        --checks N              random persons whose answers are compared first (default 500)
        --partitions N          partitions of the Nereid store (default 8)
        --seed N                seed of the graph and the clients' ids (default 42)
        For a profile: BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=server.jfr".
      """;

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
      System.out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "kv":
          return KvBench.run(kvOptions(rest));
        case KV_WORKER:
          return KvBench.worker(rest.get(0), Path.of(rest.get(1)),
              KvParams.parse(KvParams.defaults(), rest.subList(2, rest.size())));
        case "graph":
          return GraphBench.run(graphOptions(rest));
        case "server":
          return ServerBench.run(serverOptions(rest));
        case "load":
          System.err.println("bench: the " + args[0] + " benchmark is not written yet");
          return 2;
        default:
          System.err.println("bench: unknown benchmark " + args[0] + "\n");
          System.err.print(USAGE);
          return 2;
      }
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage() + "  (bench/run --help)");
      return 2;
    }
  }

  private static KvBench.Options kvOptions(List<String> args) {
    boolean quick = args.contains("--quick");
    List<String> paramArgs = new ArrayList<>();
    Path dir = KvParams.defaultDataParent();
    boolean fork = true;
    int rounds = KvParams.defaultRounds(quick);
    Path jfr = null;
    List<String> only = KvBench.IMPLEMENTATIONS;
    Path docs = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--quick")) {
        continue;
      } else if (a.equals("--no-fork")) {
        fork = false;
      } else if (a.equals("--write-docs")) {
        docs = defaultDocs();
      } else if (a.startsWith("--write-docs=")) {
        docs = Path.of(a.substring("--write-docs=".length()));
      } else if (a.equals("--dir")) {
        dir = Path.of(value(args, ++i, a));
      } else if (a.equals("--rounds")) {
        rounds = Integer.parseInt(value(args, ++i, a));
        if (rounds < 1) {
          throw new IllegalArgumentException("--rounds needs at least 1");
        }
      } else if (a.equals("--jfr")) {
        jfr = Path.of(value(args, ++i, a));
      } else if (a.equals("--only")) {
        only = List.of(value(args, ++i, a).split(","));
        for (String impl : only) {
          if (!KvBench.IMPLEMENTATIONS.contains(impl)) {
            throw new IllegalArgumentException(
                "--only takes some of " + KvBench.IMPLEMENTATIONS + ", not " + impl);
          }
        }
        only = KvBench.IMPLEMENTATIONS.stream().filter(only::contains).toList();
      } else if (KvParams.isOption(a)) {
        paramArgs.add(a);
        paramArgs.add(value(args, ++i, a));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (docs != null && !only.equals(KvBench.IMPLEMENTATIONS)) {
      throw new IllegalArgumentException("--write-docs needs every implementation (no --only)");
    }
    KvParams params = KvParams.parse(quick ? KvParams.quick() : KvParams.defaults(), paramArgs);
    return new KvBench.Options(params, rounds, dir, fork, jfr, only, docs);
  }

  private static GraphBench.Options graphOptions(List<String> args) {
    boolean quick = args.contains("--quick");
    List<String> paramArgs = new ArrayList<>();
    Path dir = KvParams.defaultDataParent();
    Path csv = null;
    Path docs = null;
    List<String> only = List.of();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--quick")) {
        continue;
      } else if (a.equals("--write-docs")) {
        docs = defaultDocs();
      } else if (a.startsWith("--write-docs=")) {
        docs = Path.of(a.substring("--write-docs=".length()));
      } else if (a.equals("--dir")) {
        dir = Path.of(value(args, ++i, a));
      } else if (a.equals("--csv-dir")) {
        csv = Path.of(value(args, ++i, a));
      } else if (a.equals("--only")) {
        only = List.of(value(args, ++i, a).split(","));
        List<String> keys =
            GraphQueries.all(0).stream().map(GraphQueries.Query::key).toList();
        for (String q : only) {
          if (!keys.contains(q)) {
            throw new IllegalArgumentException("--only takes some of " + keys + ", not " + q);
          }
        }
      } else if (GraphParams.isOption(a)) {
        paramArgs.add(a);
        paramArgs.add(value(args, ++i, a));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if (docs != null && !only.isEmpty()) {
      throw new IllegalArgumentException("--write-docs needs every query (no --only)");
    }
    GraphParams params =
        GraphParams.parse(quick ? GraphParams.quick() : GraphParams.defaults(), paramArgs);
    return new GraphBench.Options(params, dir, csv, docs, only);
  }

  private static ServerBench.Options serverOptions(List<String> args) {
    boolean quick = args.contains("--quick");
    List<String> paramArgs = new ArrayList<>();
    Path dir = KvParams.defaultDataParent();
    Path docs = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--quick")) {
        continue;
      } else if (a.equals("--write-docs")) {
        docs = defaultDocs();
      } else if (a.startsWith("--write-docs=")) {
        docs = Path.of(a.substring("--write-docs=".length()));
      } else if (a.equals("--dir")) {
        dir = Path.of(value(args, ++i, a));
      } else if (ServerParams.isOption(a)) {
        paramArgs.add(a);
        paramArgs.add(value(args, ++i, a));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    ServerParams params =
        ServerParams.parse(quick ? ServerParams.quick() : ServerParams.defaults(), paramArgs);
    return new ServerBench.Options(params, dir, docs);
  }

  private static String value(List<String> args, int i, String option) {
    if (i >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(i);
  }

  /** docs/BENCHMARKS.md of the repository bench/run belongs to (else of the working directory). */
  private static Path defaultDocs() {
    String root = System.getProperty("nereid.root");
    return (root == null ? Path.of("") : Path.of(root)).resolve("docs").resolve("BENCHMARKS.md");
  }
}
