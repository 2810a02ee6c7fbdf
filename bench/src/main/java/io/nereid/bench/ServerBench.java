package io.nereid.bench;

import io.nereid.gremlin.structure.NereidGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;

/**
 * The {@code server} benchmark: the graph benchmark's generated social graph, loaded into a Nereid
 * store (with Nereid's bulk loader, as {@code bin/nereid load} would) and into a TinkerGraph (with
 * the bench's CSV reader), each served by a Gremlin Server in this JVM ({@link BenchServers}), then
 * driven over WebSocket by the Java driver, bytecode over GraphBinary, with 1, 8 and 32 concurrent
 * clients ({@link ClosedLoop}). Both servers must give the same answers (checked on random persons
 * before timing); otherwise the run fails and nothing is written.
 *
 * <p>Cells (a query at a concurrency) alternate between the servers, which goes first alternating
 * too, so that other work on the machine hits both alike. Clients and servers share the JVM and the
 * machine's cores, for both systems alike.
 */
final class ServerBench {

  static final String TINKER = "TinkerGraph server";
  static final String NEREID = "Nereid server";

  /** Throughput Nereid must reach, as a share of the TinkerGraph server's, at every concurrency. */
  static final double TARGET = 0.8;

  record Options(ServerParams params, Path dataParent, Path docs) {}

  /** A query the clients send, with the random person id as its only parameter. */
  record Query(String key, String title, String gremlin,
      BiFunction<GraphTraversalSource, String, Object> body) {}

  static final List<Query> QUERIES = List.of(
      new Query("value-map", "Point read, all properties", "g.V(id).valueMap()",
          (g, id) -> g.V(id).valueMap().toList()),
      new Query("out-count", "1-hop count", "g.V(id).out('knows').count()",
          (g, id) -> g.V(id).out("knows").count().next()));

  /** One query at one concurrency: the rounds of both servers. */
  static final class Cell {
    final Query query;
    final int clients;
    final List<ClosedLoop.Run> tinker = new ArrayList<>();
    final List<ClosedLoop.Run> nereid = new ArrayList<>();

    Cell(Query query, int clients) {
      this.query = query;
      this.clients = clients;
    }

    static double perSecond(List<ClosedLoop.Run> runs) {
      return runs.stream().mapToLong(ClosedLoop.Run::requests).sum()
          / runs.stream().mapToDouble(ClosedLoop.Run::seconds).sum();
    }

    static long[] sortedLatencies(List<ClosedLoop.Run> runs) {
      long[] a = runs.stream().flatMapToLong(r -> Arrays.stream(r.latencyNanos())).toArray();
      Arrays.sort(a);
      return a;
    }

    double ratio() {
      return perSecond(nereid) / perSecond(tinker);
    }

    boolean met() {
      return ratio() >= TARGET;
    }
  }

  /** Everything a run produced. */
  static final class Outcome {
    SocialGraph graph;
    double tinkerLoadSeconds;
    double nereidLoadSeconds;
    final List<Cell> cells = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
  }

  private ServerBench() {}

  static int run(Options o) throws Exception {
    // Gremlin Server logs at INFO to standard output, which carries the report: warnings only, to
    // standard error (the repository's conf/logback.xml), unless the caller chose a configuration.
    Path root = root();
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", root.resolve("conf/logback.xml").toString());
    }
    Files.createDirectories(o.dataParent());
    Path base = Files.createTempDirectory(o.dataParent(), "nereid-bench-server-");
    Thread cleanup = new Thread(() -> KvBench.deleteTree(base));
    Runtime.getRuntime().addShutdownHook(cleanup);
    ZonedDateTime started = ZonedDateTime.now();
    MachineInfo machine = MachineInfo.collect(base);
    Log.prefix("server");
    Log.info("data under %s (%s); %s", base, machine.filesystem(), o.params());
    Outcome out;
    try {
      out = measure(o.params(), root.resolve("conf"), base);
    } finally {
      KvBench.deleteTree(base);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    String section = ServerReport.section(o.params(), machine, MachineInfo.currentLoadAverage(),
        started, command(), out);
    System.out.println(section);
    if (o.docs() != null) {
      if (out.problems.isEmpty()) {
        MarkdownReport.writeSection(o.docs(), section);
        Log.info("wrote the section \"%s\" of %s", ServerReport.HEADING, o.docs());
      } else {
        Log.info("NOT writing %s: %s", o.docs(), out.problems);
      }
    }
    return out.problems.isEmpty() ? 0 : 1;
  }

  /** The repository bench/run belongs to (its conf/ configures the Nereid server). */
  static Path root() {
    String root = System.getProperty("nereid.root");
    return root == null ? Path.of("") : Path.of(root);
  }

  private static String command() {
    return "mvn -q -B -pl bench -am package -DskipTests && "
        + System.getProperty("bench.command", "bench/run server").strip();
  }

  /** Generates and loads the graph, starts both servers, checks and times; {@code base} is empty. */
  static Outcome measure(ServerParams p, Path confDir, Path base) throws Exception {
    Outcome out = new Outcome();
    GraphParams gp = p.graph();
    SocialGraph sg = SocialGraph.generate(gp, base.resolve("csv"));
    out.graph = sg;
    Log.info("generated %,d persons, %,d knows edges", sg.persons, sg.knowsEdges);

    TinkerGraph tinker = TinkerGraph.open();
    tinker.createIndex("name", Vertex.class);
    long t0 = System.nanoTime();
    GraphLoader.Counts tc = new CsvGraphLoader(gp.batch()).load(tinker, sg.files());
    out.tinkerLoadSeconds = (System.nanoTime() - t0) / 1e9;
    Path store = base.resolve("nereid");
    GraphLoader.Counts nc;
    t0 = System.nanoTime();
    try (NereidGraph nereid = GraphBench.openNereid(store, p.partitions())) {
      nc = new NereidBulkLoader(base.resolve("loads")).load(nereid, sg.files());
    }
    out.nereidLoadSeconds = (System.nanoTime() - t0) / 1e9;
    Log.info("loaded TinkerGraph %s in %.1f s, Nereid %s in %.1f s", tc, out.tinkerLoadSeconds,
        nc, out.nereidLoadSeconds);
    if (!tc.equals(nc)) {
      out.problems.add("the loads differ: TinkerGraph " + tc + ", Nereid " + nc);
      return out;
    }

    String[] ids = new String[sg.persons];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = SocialGraph.personId(i);
    }
    int maxClients = p.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
    try (BenchServers servers = BenchServers.start(confDir, store, p.partitions(), tinker)) {
      Cluster tc1 = BenchServers.cluster(servers.tinkerPort(), maxClients);
      Cluster nc1 = BenchServers.cluster(servers.nereidPort(), maxClients);
      try {
        GraphTraversalSource gt = remote(tc1);
        GraphTraversalSource gn = remote(nc1);
        check(p, ids, gt, gn, out);
        if (out.problems.isEmpty()) {
          time(p, ids, gt, gn, out);
        }
      } finally {
        tc1.close();
        nc1.close();
      }
    }
    return out;
  }

  static GraphTraversalSource remote(Cluster cluster) {
    return AnonymousTraversalSource.traversal().withRemote(DriverRemoteConnection.using(cluster, "g"));
  }

  /** Both servers answer every query alike on random persons. */
  private static void check(ServerParams p, String[] ids, GraphTraversalSource gt,
      GraphTraversalSource gn, Outcome out) {
    SplittableRandom rnd = new SplittableRandom(p.seed() + 7);
    int mismatches = 0;
    for (int i = 0; i < p.checks(); i++) {
      String id = ids[rnd.nextInt(ids.length)];
      for (Query q : QUERIES) {
        Object a = q.body().apply(gt, id);
        Object b = q.body().apply(gn, id);
        if (!Objects.equals(a, b) && mismatches++ < 3) {
          out.problems.add(q.key() + " differs for " + id + ": TinkerGraph " + a + ", Nereid " + b);
        }
      }
    }
    Log.info(mismatches == 0 ? "both servers agree on %d random persons" : "PROBLEM: %s",
        mismatches == 0 ? p.checks() : out.problems);
  }

  /** Every round measures every cell on both servers; the first server alternates cell by cell. */
  private static void time(ServerParams p, String[] ids, GraphTraversalSource gt,
      GraphTraversalSource gn, Outcome out) throws InterruptedException {
    for (int c : p.clients()) {
      for (Query q : QUERIES) {
        out.cells.add(new Cell(q, c));
      }
    }
    // One untimed pass first, both servers, every query at the largest concurrency: the JIT, the
    // driver's connections and the servers' pools are warm before the first measured cell.
    int maxClients = p.clients().stream().mapToInt(Integer::intValue).max().orElse(1);
    for (Query q : QUERIES) {
      for (GraphTraversalSource g : List.of(gt, gn)) {
        ClosedLoop.run(g, q.body(), ids, maxClients, Math.max(1, 2 * p.warmupSeconds()), p.seed() - 1);
      }
    }
    Log.info("warmed up");
    for (int round = 0; round < p.rounds(); round++) {
      System.gc();
      for (int ci = 0; ci < out.cells.size(); ci++) {
        Cell cell = out.cells.get(ci);
        boolean tinkerFirst = (round + ci) % 2 == 0;
        for (String server : tinkerFirst ? List.of(TINKER, NEREID) : List.of(NEREID, TINKER)) {
          boolean isNereid = server.equals(NEREID);
          GraphTraversalSource g = isNereid ? gn : gt;
          long seed = p.seed() + 1000L * round + ci;
          if (p.warmupSeconds() > 0) {
            ClosedLoop.run(g, cell.query.body(), ids, cell.clients, p.warmupSeconds(), seed + 500);
          }
          ClosedLoop.Run r = ClosedLoop.run(g, cell.query.body(), ids, cell.clients, p.seconds(), seed);
          (isNereid ? cell.nereid : cell.tinker).add(r);
          if (r.errors() > 0) {
            out.problems.add(String.format("%s, %s, %d clients: %d errors, first: %s", server,
                cell.query.key(), cell.clients, r.errors(), r.firstError()));
          }
          long[] lat = r.latencyNanos().clone();
          Arrays.sort(lat);
          Log.info("round %d  %-10s %2d clients  %-18s %,8.0f req/s  median %.2f ms  p99 %.2f ms",
              round + 1, cell.query.key(), cell.clients, server, r.perSecond(),
              ClosedLoop.quantile(lat, 0.5) / 1e6, ClosedLoop.quantile(lat, 0.99) / 1e6);
        }
      }
    }
  }
}
