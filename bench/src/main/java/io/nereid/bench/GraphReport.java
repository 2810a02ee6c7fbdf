package io.nereid.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The Markdown section of the {@code graph} benchmark. */
final class GraphReport {

  static final String HEADING = "## Graph queries: Nereid vs TinkerGraph";

  private GraphReport() {}

  static String section(GraphParams p, MachineInfo m, String loadAtEnd, ZonedDateTime date,
      String command, GraphBench.Outcome out) {
    StringBuilder sb = new StringBuilder();
    SocialGraph g = out.graph;
    sb.append(HEADING).append("\n\n");
    sb.append("Nereid's TinkerPop provider against TinkerGraph, the same Gremlin on the same"
        + " generated graph, both loaded and measured in one JVM.\n\n");
    sb.append("- **Command** (from the repository root): `").append(command).append("`\n");
    sb.append("- **Date:** ")
        .append(date.withZoneSameInstant(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append("\n");
    sb.append("- **Code:** commit `").append(m.revision()).append("`\n");
    sb.append(f("- **Machine:** %d processors (`nproc`), %s, %s RAM, %s%n", m.nproc(),
        m.cpuModel(), m.memory(), m.os()));
    sb.append("- **Java:** ").append(m.javaVersion()).append("; bench JVM flags: `")
        .append(m.jvmFlags()).append("`\n");
    sb.append("- **Data directory file system:** ").append(m.filesystem()).append("\n");
    sb.append("- **Load average** (1, 5, 15 min; other work on the machine skews results): ")
        .append(m.loadAverage()).append(" at the start, ").append(loadAtEnd)
        .append(" at the end\n");
    if (g != null) {
      sb.append(f("- **Graph** (seed %d): %,d persons (`name:String`, `age:Int`), %,d cities"
              + " (`name:String`), %,d `knows` edges (`since:Int`, %d–%d; out-degree Pareto-skewed,"
              + " average %d, max %,d; max in-degree %,d), %,d `livesIn` edges (one per person;"
              + " largest city %,d); written as Neptune Gremlin CSV (%,d MB) and loaded from it%n",
          p.seed(), g.persons, g.cities, g.knowsEdges, SocialGraph.SINCE_MIN,
          SocialGraph.SINCE_MAX, p.avgDegree(), g.maxOutDegree, g.maxInDegree, g.livesInEdges,
          g.maxCityPopulation, g.csvBytes >> 20));
    }
    sb.append(f("- **Nereid:** `NereidGraph` with %d partitions, SYNC durability (defaults"
        + " otherwise). **TinkerGraph:** `TinkerGraph.open()` with `createIndex(\"name\","
        + " Vertex.class)`%n", p.partitions()));
    sb.append(f("- **Method:** %,d sampled persons (distinct), cities and names (seed %d). After"
            + " a check that both graphs give the same answer for every sample and query, %d"
            + " warmup and %d timed rounds; in each, every query runs over all samples on one"
            + " graph, then on the other (which goes first alternates). Full-scan mean: %d runs per"
            + " graph and round. Every call timed alone (`System.nanoTime`, single thread);"
            + " reported: the median and the mean per call over the timed rounds. Nereid runs each"
            + " query loop in one read transaction (rolled back after it).%n",
        p.samples(), p.seed() + 1, p.warmups(), p.rounds(), p.scanRuns()));
    sb.append("\n");

    GraphBench.Load l = out.load;
    if (l != null) {
      if (p.nereidLoader().equals("bulk")) {
        sb.append("Loading (not a target): TinkerGraph through TinkerPop's structure API"
            + " (`addVertex` / `addEdge`, the bench's CSV reader); Nereid with its bulk loader"
            + " (`io.nereid.graph.load.BulkLoader`, Neptune's default options, as `bin/nereid"
            + " load`).\n\n");
      } else {
        sb.append("Loading (not a target): the CSV files through TinkerPop's structure API"
            + " (`addVertex` / `addEdge`), the same reader for both; Nereid commits every ")
            .append(f("%,d", p.batch())).append(" elements.\n\n");
      }
      sb.append("| Step | Time | Elements/s | Size |\n|---|--:|--:|--:|\n");
      sb.append(f("| Generate and write the CSV files | %.1f s | | %,d MB of CSV |%n",
          l.generateSeconds(), g.csvBytes >> 20));
      sb.append(f("| Load TinkerGraph | %.1f s | %,.0f | ~%,d MB of heap |%n", l.tinkerSeconds(),
          l.tinkerCounts().elements() / l.tinkerSeconds(), l.tinkerHeapBytes() >> 20));
      sb.append(f("| Load Nereid (%s) | %.1f s | %,.0f | %,d MB on disk |%n",
          p.nereidLoader().equals("bulk") ? "bulk loader" : "structure API", l.nereidSeconds(),
          l.nereidCounts().elements() / l.nereidSeconds(), l.nereidStoreBytes() >> 20));
      sb.append("\n");
    }

    if (!out.queries.isEmpty() && !out.queries.get(0).tinker.rounds.isEmpty()) {
      sb.append("| Query | Gremlin | Result (median / max) | TinkerGraph µs | Nereid µs |"
          + " Nereid / TG | Mean µs TG / Nereid (ratio) | Target | On CPU |\n");
      sb.append("|---|---|--:|--:|--:|--:|--:|---|--:|\n");
      for (GraphBench.QueryOutcome q : out.queries) {
        double[] s = q.sizes;
        String size = s.length == 0 ? "" : f("%s / %s", num(s[s.length / 2]), num(s[s.length - 1]));
        sb.append(f("| %s | `%s` | %s | %s | %s | **%.2f** | %s / %s (%.2f) | ≤ %.0f ×: %s | %.0f %% |%n",
            q.query.title(), q.query.gremlin(), size, micros(q.tinker.medianMicros()),
            micros(q.nereid.medianMicros()), q.ratio(), micros(q.tinker.meanMicros()),
            micros(q.nereid.meanMicros()), q.meanRatio(), q.query.kind().target,
            q.met() ? "**met**" : "**missed**",
            100 * Math.min(q.tinker.minOnCpu, q.nereid.minOnCpu)));
      }
      sb.append("\n");
      sb.append("*µs*: median time per call. *Result*: what one call returns (a count, a number of"
          + " elements or properties, the mean), median and largest over the samples. *On CPU*:"
          + " the lowest share of a query loop's wall time the thread was running; well below"
          + " 100 % means other work took the CPU.\n\n");
      if (!out.txOpen.rounds.isEmpty()) {
        sb.append(f("Not in the table: opening and rolling back Nereid's thread-bound read"
            + " transaction (`tx().open()` + `tx().rollback()`) takes %s µs (median); a server"
            + " running one transaction per request pays it per query.%n%n",
            micros(out.txOpen.medianMicros())));
      }
      sb.append("Targets (ratio of the medians):\n\n");
      for (GraphBench.QueryOutcome q : out.queries) {
        sb.append(f("- %s: Nereid ≤ %.0f × TinkerGraph: %s (%.2f ×; means %.2f ×)%n",
            q.query.title(), q.query.kind().target, q.met() ? "**met**" : "**missed**", q.ratio(),
            q.meanRatio()));
      }
      sb.append("\n");
    }
    if (!out.problems.isEmpty()) {
      sb.append("Problems:\n\n");
      out.problems.forEach(pr -> sb.append("- PROBLEM: ").append(pr).append("\n"));
      sb.append("\n");
    }
    return sb.toString();
  }

  private static String micros(double us) {
    if (us >= 100) {
      return f("%,.0f", us);
    }
    return us >= 10 ? f("%.1f", us) : f("%.2f", us);
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? f("%,.0f", v) : f("%.2f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
