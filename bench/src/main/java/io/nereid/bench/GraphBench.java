package io.nereid.bench;

import io.nereid.gremlin.structure.NereidGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;

/**
 * The {@code graph} benchmark: a generated social graph, written as Neptune Gremlin CSV, loaded
 * into Nereid and into TinkerGraph (with an index on {@code name}) in this JVM, then the same
 * Gremlin queries timed on both, single-threaded, over a fixed sample of start vertices. Both graphs
 * must give the same answers (checked on every sample before timing, and by checksum in every
 * round); otherwise the run fails.
 *
 * <p>Rounds interleave the graphs query by query (which graph goes first alternates), so that other
 * work on the machine hits both alike. Every call is timed on its own; reported: the median (and
 * mean) per call over all timed rounds. Nereid runs each query loop in one read transaction (its
 * thread-bound transaction, rolled back after the loop); the cost of opening and rolling back one
 * is measured separately.
 */
final class GraphBench {

  static final String TINKER = "TinkerGraph";
  static final String NEREID = "Nereid";

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /**
   * How the launcher runs.
   *
   * @param dataParent where the temporary directory (CSV files unless {@code csvDir}, the store)
   *     goes
   * @param csvDir when set, the CSV files are written there and kept
   * @param docs when set, the BENCHMARKS.md whose section to rewrite
   * @param only keys of the queries to run (empty: all)
   */
  record Options(GraphParams params, Path dataParent, Path csvDir, Path docs, List<String> only) {}

  /** Timings of one query on one graph, pooled over the timed rounds. */
  static final class Timing {
    final List<long[]> rounds = new ArrayList<>();
    double minOnCpu = 1.0;

    long[] all() {
      return rounds.stream().flatMapToLong(Arrays::stream).toArray();
    }

    double medianMicros() {
      long[] a = all();
      Arrays.sort(a);
      int m = a.length / 2;
      double v = a.length % 2 == 1 ? a[m] : (a[m - 1] + a[m]) / 2.0;
      return v / 1e3;
    }

    double meanMicros() {
      return Arrays.stream(all()).average().orElse(Double.NaN) / 1e3;
    }

    /** Median of each round's median, lowest and highest (µs): the spread between rounds. */
    double[] roundMedianRange() {
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (long[] r : rounds) {
        long[] s = r.clone();
        Arrays.sort(s);
        double m = s[s.length / 2] / 1e3;
        lo = Math.min(lo, m);
        hi = Math.max(hi, m);
      }
      return new double[] {lo, hi};
    }
  }

  /** A query's measurements on both graphs, and what its results look like. */
  static final class QueryOutcome {
    final GraphQueries.Query query;
    final Timing tinker = new Timing();
    final Timing nereid = new Timing();
    double[] sizes = new double[0];

    QueryOutcome(GraphQueries.Query query) {
      this.query = query;
    }

    double ratio() {
      return nereid.medianMicros() / tinker.medianMicros();
    }

    double meanRatio() {
      return nereid.meanMicros() / tinker.meanMicros();
    }

    boolean met() {
      return ratio() <= query.kind().target;
    }
  }

  /** Load phase figures. */
  record Load(double generateSeconds, double tinkerSeconds, double nereidSeconds,
      GraphLoader.Counts tinkerCounts, GraphLoader.Counts nereidCounts, long tinkerHeapBytes,
      long nereidStoreBytes) {}

  /** Everything a run produced. */
  static final class Outcome {
    SocialGraph graph;
    Load load;
    final List<QueryOutcome> queries = new ArrayList<>();
    Timing txOpen = new Timing();
    final List<String> problems = new ArrayList<>();
  }

  private GraphBench() {}

  /** Runs the benchmark, prints (and maybe writes) the report; returns the exit code. */
  static int run(Options o) throws Exception {
    Files.createDirectories(o.dataParent());
    Path base = Files.createTempDirectory(o.dataParent(), "nereid-bench-graph-");
    Thread cleanup = new Thread(() -> KvBench.deleteTree(base));
    Runtime.getRuntime().addShutdownHook(cleanup);
    ZonedDateTime started = ZonedDateTime.now();
    MachineInfo machine = MachineInfo.collect(base);
    Log.prefix("graph");
    Log.info("data under %s (%s); %s", base, machine.filesystem(), o.params());
    Outcome out;
    try {
      Path csv = o.csvDir() != null ? o.csvDir() : base.resolve("csv");
      out = measure(o.params(), csv, base.resolve("nereid"), o.only());
    } finally {
      KvBench.deleteTree(base);
      Runtime.getRuntime().removeShutdownHook(cleanup);
    }
    String section = GraphReport.section(o.params(), machine, MachineInfo.currentLoadAverage(),
        started, command(), out);
    System.out.println(section);
    if (o.docs() != null) {
      if (out.problems.isEmpty()) {
        MarkdownReport.writeSection(o.docs(), section);
        Log.info("wrote the section \"%s\" of %s", GraphReport.HEADING, o.docs());
      } else {
        Log.info("NOT writing %s: %s", o.docs(), out.problems);
      }
    }
    return out.problems.isEmpty() ? 0 : 1;
  }

  private static String command() {
    return "mvn -q -B -pl bench -am package -DskipTests && "
        + System.getProperty("bench.command", "bench/run graph").strip();
  }

  /**
   * Generates, loads, checks and times the queries whose keys are in {@code only} (empty: all);
   * {@code nereidDir} must not exist yet.
   */
  static Outcome measure(GraphParams p, Path csvDir, Path nereidDir, List<String> only)
      throws Exception {
    Outcome out = new Outcome();
    long t0 = System.nanoTime();
    SocialGraph sg = SocialGraph.generate(p, csvDir);
    double genSeconds = (System.nanoTime() - t0) / 1e9;
    out.graph = sg;
    Log.info("generated %,d persons, %,d cities, %,d knows and %,d livesIn edges (max out-degree"
        + " %,d, max in-degree %,d, largest city %,d) in %.1f s: %s (%,d MB)", sg.persons,
        sg.cities, sg.knowsEdges, sg.livesInEdges, sg.maxOutDegree, sg.maxInDegree,
        sg.maxCityPopulation, genSeconds, csvDir, sg.csvBytes >> 20);

    CsvGraphLoader loader = new CsvGraphLoader(p.batch());
    long heap0 = usedHeapAfterGc();
    TinkerGraph tinker = TinkerGraph.open();
    tinker.createIndex("name", Vertex.class);
    t0 = System.nanoTime();
    GraphLoader.Counts tc = loader.load(tinker, sg.files());
    double tinkerSeconds = (System.nanoTime() - t0) / 1e9;
    long tinkerHeap = usedHeapAfterGc() - heap0;
    Log.info("TinkerGraph: loaded %s in %.1f s (%,.0f elements/s), ~%,d MB of heap", tc,
        tinkerSeconds, tc.elements() / tinkerSeconds, tinkerHeap >> 20);

    NereidGraph nereid = openNereid(nereidDir, p.partitions());
    try {
      GraphLoader nereidLoader = p.nereidLoader().equals("bulk")
          ? new NereidBulkLoader(nereidDir.resolveSibling(nereidDir.getFileName() + "-loads"))
          : loader;
      t0 = System.nanoTime();
      GraphLoader.Counts nc = nereidLoader.load(nereid, sg.files());
      double nereidSeconds = (System.nanoTime() - t0) / 1e9;
      long storeBytes = treeSize(nereidDir);
      Log.info("Nereid: loaded %s with the %s loader in %.1f s (%,.0f elements/s), store %,d MB",
          nc, p.nereidLoader(), nereidSeconds, nc.elements() / nereidSeconds, storeBytes >> 20);
      out.load = new Load(genSeconds, tinkerSeconds, nereidSeconds, tc, nc, tinkerHeap, storeBytes);
      if (!tc.equals(nc)) {
        out.problems.add("the loads differ: TinkerGraph " + tc + ", Nereid " + nc);
      }
      GraphQueries.Samples samples = samples(p, sg);
      GraphTraversalSource gt = tinker.traversal();
      GraphTraversalSource gn = nereid.traversal();
      for (GraphQueries.Query q : GraphQueries.all(p.sinceAfter())) {
        if (only.isEmpty() || only.contains(q.key())) {
          out.queries.add(new QueryOutcome(q));
        }
      }
      check(p, samples, gt, gn, nereid, out);
      if (out.problems.isEmpty()) {
        time(p, samples, gt, gn, nereid, out);
      }
    } finally {
      if (nereid.tx().isOpen()) {
        nereid.tx().rollback();
      }
      nereid.close();
      tinker.close();
    }
    return out;
  }

  static NereidGraph openNereid(Path dir, int partitions) {
    BaseConfiguration c = new BaseConfiguration();
    c.setProperty(Graph.GRAPH, NereidGraph.class.getName());
    c.setProperty(NereidGraph.DIRECTORY, dir.toString());
    c.setProperty(NereidGraph.PARTITIONS, partitions);
    return NereidGraph.open(c);
  }

  /** Distinct random persons (with their names) and random cities, from the seed. */
  static GraphQueries.Samples samples(GraphParams p, SocialGraph sg) {
    SplittableRandom rnd = new SplittableRandom(p.seed() + 1);
    int k = p.samples();
    int[] idx = new int[sg.persons];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    String[] persons = new String[k];
    String[] names = new String[k];
    String[] cities = new String[k];
    for (int i = 0; i < k; i++) {
      int person;
      if (k <= sg.persons) { // partial shuffle: distinct persons
        int j = i + rnd.nextInt(sg.persons - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        person = idx[i];
      } else {
        person = rnd.nextInt(sg.persons);
      }
      persons[i] = SocialGraph.personId(person);
      names[i] = sg.names[person];
      cities[i] = SocialGraph.cityId(rnd.nextInt(sg.cities));
    }
    return new GraphQueries.Samples(persons, cities, names);
  }

  /** Runs every query on every sample on both graphs and compares the answers. */
  private static void check(GraphParams p, GraphQueries.Samples s, GraphTraversalSource gt,
      GraphTraversalSource gn, NereidGraph nereid, Outcome out) {
    Log.info("checking that both graphs give the same answers on %,d samples", s.size());
    for (QueryOutcome qo : out.queries) {
      GraphQueries.Query q = qo.query;
      int calls = q.perSample() ? s.size() : 1;
      double[] sizes = new double[calls];
      int mismatches = 0;
      for (int i = 0; i < calls; i++) {
        List<?> rt = q.body().run(gt, s, i);
        List<?> rn = q.body().run(gn, s, i);
        Object ct = q.canonical().apply(rt);
        Object cn = q.canonical().apply(rn);
        sizes[i] = q.size().apply(rt);
        String why = null;
        if (!Objects.equals(ct, cn)) {
          why = "TinkerGraph " + abbreviate(ct) + ", Nereid " + abbreviate(cn);
        } else if (q.key().equals("since-limit")) {
          why = outsideFilter(rn, GraphQueries.sinceCandidates(gt, s, i, p.sinceAfter()));
        }
        if (why != null && mismatches++ < 3) {
          out.problems.add(q.key() + " differs on sample " + i + ": " + why);
        }
      }
      nereid.tx().rollback();
      if (mismatches > 3) {
        out.problems.add(q.key() + ": " + mismatches + " samples differ in all");
      }
      Arrays.sort(sizes);
      qo.sizes = sizes;
    }
    if (out.problems.isEmpty()) {
      Log.info("all answers agree");
    } else {
      out.problems.forEach(pr -> Log.info("PROBLEM: %s", pr));
    }
  }

  /** Null when every edge in {@code edges} is among {@code allowed} ids, else why not. */
  private static String outsideFilter(List<?> edges, List<Object> allowed) {
    HashSet<Object> ok = new HashSet<>(allowed);
    for (Object e : edges) {
      if (!ok.contains(((Element) e).id())) {
        return "Nereid returned edge " + ((Element) e).id() + ", which does not pass the filter";
      }
    }
    return null;
  }

  private static String abbreviate(Object o) {
    String s = String.valueOf(o);
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Warmup and timed rounds, both graphs query by query. */
  private static void time(GraphParams p, GraphQueries.Samples s, GraphTraversalSource gt,
      GraphTraversalSource gn, NereidGraph nereid, Outcome out) {
    int total = p.warmups() + p.rounds();
    for (int round = 0; round < total; round++) {
      boolean timed = round >= p.warmups();
      String what = timed ? "timed round " + (round - p.warmups() + 1) + " of " + p.rounds()
          : "warmup round " + (round + 1) + " of " + p.warmups();
      Log.info("%s", what);
      System.gc();
      for (int qi = 0; qi < out.queries.size(); qi++) {
        QueryOutcome qo = out.queries.get(qi);
        GraphQueries.Query q = qo.query;
        boolean tinkerFirst = (round + qi) % 2 == 0;
        Map<String, Loop> loops = new LinkedHashMap<>();
        for (String graph : tinkerFirst ? List.of(TINKER, NEREID) : List.of(NEREID, TINKER)) {
          boolean isNereid = graph.equals(NEREID);
          Loop l = isNereid ? onNereid(q, p, s, gn) : onTinker(q, p, s, gt);
          if (isNereid) {
            nereid.tx().rollback();
          }
          loops.put(graph, l);
        }
        Loop lt = loops.get(TINKER);
        Loop ln = loops.get(NEREID);
        if (lt.checksum != ln.checksum) {
          out.problems.add(String.format("%s, %s: checksums differ (TinkerGraph %d, Nereid %d)",
              q.key(), what, lt.checksum, ln.checksum));
        }
        Log.info("  %-14s TinkerGraph %,10.1f µs  Nereid %,10.1f µs  (median of %d; on CPU %.0f%%"
                + " / %.0f%%)", q.key(), median(lt.nanos) / 1e3, median(ln.nanos) / 1e3,
            lt.nanos.length, 100 * lt.onCpu, 100 * ln.onCpu);
        if (timed) {
          add(qo.tinker, lt);
          add(qo.nereid, ln);
        }
      }
      long[] tx = new long[s.size()];
      for (int i = 0; i < tx.length; i++) {
        long a = System.nanoTime();
        nereid.tx().open();
        nereid.tx().rollback();
        tx[i] = System.nanoTime() - a;
      }
      if (timed) {
        out.txOpen.rounds.add(tx);
      }
    }
  }

  private static void add(Timing t, Loop l) {
    t.rounds.add(l.nanos);
    t.minOnCpu = Math.min(t.minOnCpu, l.onCpu);
  }

  private record Loop(long[] nanos, long checksum, double onCpu) {}

  // Two entry points so that a profile tells the graphs apart by stack.

  private static Loop onNereid(GraphQueries.Query q, GraphParams p, GraphQueries.Samples s,
      GraphTraversalSource g) {
    return loop(q, p, s, g);
  }

  private static Loop onTinker(GraphQueries.Query q, GraphParams p, GraphQueries.Samples s,
      GraphTraversalSource g) {
    return loop(q, p, s, g);
  }

  private static Loop loop(GraphQueries.Query q, GraphParams p, GraphQueries.Samples s,
      GraphTraversalSource g) {
    int calls = q.calls(p, s);
    long[] nanos = new long[calls];
    long checksum = 0;
    long c0 = CPU.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      int sample = q.perSample() ? i : 0;
      long a = System.nanoTime();
      List<?> r = q.body().run(g, s, sample);
      nanos[i] = System.nanoTime() - a;
      checksum = checksum * 31 + GraphQueries.hash(q.canonical().apply(r));
    }
    double onCpu = (double) (CPU.getCurrentThreadCpuTime() - c0) / (System.nanoTime() - w0);
    return new Loop(nanos, checksum, Math.min(1.0, onCpu));
  }

  static double median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  private static long treeSize(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
