package io.nereid.bench;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The Markdown section of the {@code server} benchmark. */
final class ServerReport {

  static final String HEADING = "## Server: Nereid server vs TinkerGraph in Gremlin Server";

  private ServerReport() {}

  static String section(ServerParams p, MachineInfo m, String loadAtEnd, ZonedDateTime date,
      String command, ServerBench.Outcome out) {
    StringBuilder sb = new StringBuilder();
    sb.append(HEADING).append("\n\n");
    sb.append("Requests per second and latency of a Nereid server and of Gremlin Server serving"
        + " TinkerGraph, the same generated graph in both, measured in one run.\n\n");
    sb.append("- **Command** (from the repository root): `").append(command).append("`\n");
    sb.append("- **Date:** ").append(date.withZoneSameInstant(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append("\n");
    sb.append("- **Code:** commit `").append(m.revision()).append("`\n");
    sb.append(f("- **Machine:** %d processors (`nproc`), %s, %s RAM, %s%n", m.nproc(),
        m.cpuModel(), m.memory(), m.os()));
    sb.append("- **Java:** ").append(m.javaVersion()).append("; bench JVM flags: `")
        .append(m.jvmFlags()).append("`\n");
    sb.append("- **Data directory file system:** ").append(m.filesystem()).append("\n");
    sb.append("- **Load average** (1, 5, 15 min; other work on the machine skews results): ")
        .append(m.loadAverage()).append(" at the start, ").append(loadAtEnd)
        .append(" at the end\n");
    SocialGraph g = out.graph;
    if (g != null) {
      sb.append(f("- **Graph** (seed %d, the graph benchmark's generator): %,d persons, %,d cities,"
              + " %,d `knows` edges (out-degree Pareto-skewed, average %d, max %,d), %,d `livesIn`"
              + " edges; loaded into TinkerGraph with the bench's CSV reader (%.1f s) and into"
              + " Nereid with its bulk loader (%.1f s)%n", p.seed(), g.persons, g.cities,
          g.knowsEdges, p.avgDegree(), g.maxOutDegree, g.livesInEdges, out.tinkerLoadSeconds,
          out.nereidLoadSeconds));
    }
    sb.append(f("- **Servers**, both in the bench JVM, both from the repository's"
        + " `conf/nereid-server.yaml` (gremlin-lang only, Nereid's default serializers, Gremlin"
        + " Server's default thread pools: `gremlinPool` = %d cores, 1 worker thread): **Nereid** ="
        + " `NereidServer` (its channelizer and graph manager) on a store of %d partitions, SYNC"
        + " durability (`conf/nereid.properties`); **TinkerGraph** = plain `GremlinServer` with"
        + " `WsAndHttpChannelizer`, a `DefaultGraphManager` subclass binding `g`, TinkerGraph with"
        + " an index on `name`%n", m.nproc(), p.partitions()));
    sb.append(f("- **Clients:** TinkerPop's Java driver in the same JVM, bytecode"
            + " (`DriverRemoteConnection`) over GraphBinary 1, one `Cluster` per server with 8"
            + " WebSocket connections; %s concurrent client threads, each with one request in flight"
            + " (closed loop), each id a uniformly random person (per-thread seeds, the same for"
            + " both servers)%n", ServerParams.clientsList(p.clients())));
    sb.append(f("- **Method:** after a check that both servers answer alike for %,d random persons,"
            + " an untimed warmup of every query on both servers (%.1f s each, %d clients), then"
            + " %d round(s); in each, every cell (query × clients) runs on one server, then on the"
            + " other (which goes first alternates), %.1f s of warmup then %.1f s measured."
            + " Requests/s: all requests of a cell's rounds over their time; latency: per request"
            + " (`System.nanoTime` around `toList()` / `next()`), median and p99 over the rounds%n",
        p.checks(), Math.max(1, 2 * p.warmupSeconds()),
        p.clients().stream().mapToInt(Integer::intValue).max().orElse(1), p.rounds(),
        p.warmupSeconds(), p.seconds()));
    sb.append("\n");
    if (!out.cells.isEmpty() && !out.cells.get(0).nereid.isEmpty()) {
      sb.append("| Query | Gremlin | Clients | TinkerGraph req/s | Nereid req/s | Nereid / TG |"
          + " Per round | TG median / p99 ms | Nereid median / p99 ms | Target ≥ 0.8 |\n");
      sb.append("|---|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
      for (ServerBench.Cell c : out.cells) {
        long[] lt = ServerBench.Cell.sortedLatencies(c.tinker);
        long[] ln = ServerBench.Cell.sortedLatencies(c.nereid);
        sb.append(f("| %s | `%s` | %d | %,.0f | %,.0f | **%.2f** | %s | %s / %s | %s / %s | %s |%n",
            c.query.title(), c.query.gremlin(), c.clients,
            ServerBench.Cell.perSecond(c.tinker), ServerBench.Cell.perSecond(c.nereid), c.ratio(),
            roundRatios(c),
            ms(ClosedLoop.quantile(lt, 0.5)), ms(ClosedLoop.quantile(lt, 0.99)),
            ms(ClosedLoop.quantile(ln, 0.5)), ms(ClosedLoop.quantile(ln, 0.99)),
            c.met() ? "**met**" : "**missed**"));
      }
      sb.append("\n");
      sb.append("*req/s*: all requests of a cell's rounds over their time. *Per round*: Nereid / TG"
          + " of each round alone, lowest–highest. *ms*: latency per request over the rounds.\n\n");
      List<ServerBench.Cell> missed = out.cells.stream().filter(c -> !c.met()).toList();
      sb.append(missed.isEmpty()
          ? "Target (Nereid ≥ 0.8 × the TinkerGraph server's requests/s at every concurrency):"
              + " **met** in every cell.\n\n"
          : f("Target (Nereid ≥ 0.8 × the TinkerGraph server's requests/s at every concurrency):"
              + " **missed** in %d of %d cells.%n%n", missed.size(), out.cells.size()));
    }
    if (!out.problems.isEmpty()) {
      sb.append("Problems:\n\n");
      out.problems.forEach(pr -> sb.append("- PROBLEM: ").append(pr).append("\n"));
      sb.append("\n");
    }
    return sb.toString();
  }

  /** Nereid / TG of each round's requests/s, lowest and highest: how much the machine moved. */
  private static String roundRatios(ServerBench.Cell c) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (int r = 0; r < Math.min(c.nereid.size(), c.tinker.size()); r++) {
      double ratio = c.nereid.get(r).perSecond() / c.tinker.get(r).perSecond();
      lo = Math.min(lo, ratio);
      hi = Math.max(hi, ratio);
    }
    return lo == hi ? f("%.2f", lo) : f("%.2f–%.2f", lo, hi);
  }

  private static String ms(double nanos) {
    double v = nanos / 1e6;
    return v >= 10 ? f("%.1f", v) : f("%.2f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
