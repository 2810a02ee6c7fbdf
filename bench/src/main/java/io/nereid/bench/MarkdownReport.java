package io.nereid.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The report: a Markdown section, printed and optionally written into docs/BENCHMARKS.md. */
final class MarkdownReport {

  static final String KV_HEADING = "## kv-layer vs raw lmdbjava";

  private static final String BB = RawLmdb.BYTE_BUFFER;
  private static final String AG = RawLmdb.AGRONA;
  private static final String KV = KvLayer.VARIANT;

  private MarkdownReport() {}

  private record Row(String workload, String variant, String label, String baseline) {}

  private static List<Row> rows(KvParams p) {
    String kvW = KV + "-" + p.writers() + "w";
    String kvP = KV + "-" + p.bulkPartitions() + "p";
    return List.of(
        new Row("get", BB, "raw lmdbjava, ByteBuffer, value copied (**baseline**)", BB),
        new Row("get", BB + "-nocopy", "raw lmdbjava, ByteBuffer, no copy", BB),
        new Row("get", AG, "raw lmdbjava, Agrona, value copied", BB),
        new Row("get", KV, "**kv-layer**, 1 partition", BB),
        new Row("scan", BB, "raw lmdbjava, ByteBuffer, copied (**baseline**)", BB),
        new Row("scan", AG, "raw lmdbjava, Agrona, copied", BB),
        new Row("scan", KV, "**kv-layer**, 1 partition", BB),
        new Row("full", BB, "raw lmdbjava, ByteBuffer, copied (**baseline**)", BB),
        new Row("full", BB + "-nocopy", "raw lmdbjava, ByteBuffer, no copy", BB),
        new Row("full", AG, "raw lmdbjava, Agrona, copied", BB),
        new Row("full", AG + "-nocopy", "raw lmdbjava, Agrona, no copy", BB),
        new Row("full", KV, "**kv-layer**, 1 partition", BB),
        new Row("bulk", BB, "raw lmdbjava, ByteBuffer, MDB_APPEND (**baseline**)", BB),
        new Row("bulk", AG, "raw lmdbjava, Agrona, MDB_APPEND", BB),
        new Row("bulk", KV, "**kv-layer**, 1 partition", BB),
        new Row("bulk", kvP, "**kv-layer**, " + p.bulkPartitions() + " partitions", BB),
        new Row("commit", BB + "-1w", "raw lmdbjava, 1 writer, fsync per commit (**baseline**)",
            BB + "-1w"),
        new Row("commit", KV + "-1w", "**kv-layer**, 1 writer, SYNC", BB + "-1w"),
        new Row("commit", kvW, "**kv-layer**, " + p.writers() + " writers, SYNC", BB + "-1w"));
  }

  private static String workloadLabel(String workload, KvParams p) {
    return switch (workload) {
      case "get" -> "Point get (gets/s)";
      case "scan" -> p.scanLength() + "-entry range scan (scans/s)";
      case "full" -> "Full scan (entries/s)";
      case "bulk" -> "Bulk ingest (entries/s)";
      case "commit" -> "Durable 1-put commits (commits/s)";
      default -> workload;
    };
  }

  static String kvSection(KvParams p, int rounds, MachineInfo m, String loadAtEnd,
      ZonedDateTime date, String command,
      List<String> implementations, KvBench.Outcome out, List<String> problems) {
    StringBuilder sb = new StringBuilder();
    sb.append(KV_HEADING).append("\n\n");
    sb.append("Nereid's kv-layer API against raw lmdbjava on the same data, measured in one run.\n\n");
    sb.append("- **Command** (from the repository root): `").append(command).append("`\n");
    sb.append("- **Date:** ")
        .append(date.withZoneSameInstant(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append("\n");
    sb.append("- **Code:** commit `").append(m.revision()).append("`\n");
    sb.append(String.format(Locale.ROOT,
        "- **Machine:** %d processors (`nproc`), %s, %s RAM, %s%n", m.nproc(), m.cpuModel(),
        m.memory(), m.os()));
    sb.append("- **Java:** ").append(m.javaVersion()).append("; bench JVM flags: `")
        .append(m.jvmFlags()).append("`\n");
    sb.append("- **Data directory file system:** ").append(m.filesystem()).append("\n");
    sb.append("- **Load average** (1, 5, 15 min; other work on the machine skews results): ")
        .append(m.loadAverage()).append(" at the start, ").append(loadAtEnd)
        .append(" at the end\n");
    sb.append(String.format(Locale.ROOT,
        "- **Data:** N = %,d entries, 16-byte keys (8-byte big-endian id + 8 bytes), %d-byte values;"
            + " the kv-layer uses one key space in a store of 1 partition"
            + " (`KvStoreConfig.of(\"data\").withPartitions(1)`, SYNC, same map size as raw: %d MiB),"
            + " plus one bulk-ingest row with %d partitions%n",
        p.n(), p.valueBytes(), p.mapSize() >> 20, p.bulkPartitions()));
    sb.append(String.format(Locale.ROOT,
        "- **Method:** %d round(s); in each, every implementation runs in a fresh JVM of its own"
            + " (no shared JIT profiles), in turn, on identical generated data. Per round: reads"
            + " %d warmup + %d timed iterations; bulk ingest %d warmup + %d timed, into a fresh"
            + " directory each (the last one is the data the reads use); durable commits %.2f s"
            + " warmup then %.1f s in 3 windows (kv-layer: 1 writer and N writers alternate, window"
            + " by window, on one store, so that both meet the same disk). Reported: the median of"
            + " the timed iterations (windows) of all rounds, with min – max.%n",
        rounds, p.warmups(), p.iterations(), p.bulkWarmups(), p.bulkIterations(),
        p.commitWarmupSeconds(), p.commitSeconds()));
    sb.append("\n");

    sb.append("| Workload | Implementation | Median | Min – max | × raw ByteBuffer | × raw Agrona"
        + " | On CPU |\n");
    sb.append("|---|---|--:|--:|--:|--:|--:|\n");
    String last = "";
    for (Row row : rows(p)) {
      Optional<Result> r = find(out.results, row.workload, row.variant);
      String impl = implOf(row.variant);
      if (r.isEmpty() && !implementations.contains(impl)) {
        continue;
      }
      String workload = row.workload.equals(last) ? "" : workloadLabel(row.workload, p);
      last = row.workload;
      sb.append("| ").append(workload).append(" | ").append(row.label).append(" | ");
      if (r.isEmpty()) {
        sb.append("n/a | | | | |\n");
        continue;
      }
      Result res = r.get();
      sb.append(num(res.median())).append(" | ").append(num(res.min())).append(" – ")
          .append(num(res.max())).append(" | ");
      sb.append(ratioCell(res, find(out.results, row.workload, row.baseline))).append(" | ");
      boolean vsAgrona = !row.workload.equals("commit") && !row.variant.startsWith("raw-bb");
      sb.append(vsAgrona ? ratioCell(res, find(out.results, row.workload, AG)) : "")
          .append(" | ");
      sb.append(res.onCpu() < 0 ? "" : String.format(Locale.ROOT, "%.0f %%", 100 * res.onCpu()))
          .append(" |\n");
    }
    sb.append("\n");

    sb.append("*On CPU*: the share of the wall time the measuring thread of a single-threaded read"
        + " workload was running (median per round; the lowest round shown); well below 100 % means other work on the machine"
        + " took the CPU and the row is unreliable.\n\n");
    sb.append("Workloads:\n\n");
    sb.append(String.format(Locale.ROOT,
        "- *Point get:* %,d gets of uniformly random keys (seed %d), all present. kv-layer: in one"
            + " `Snapshot`; raw: in one read txn, the value copied into a `byte[]` as the kv API"
            + " returns copies (the *no copy* rows read its length and last byte in place).%n",
        p.gets(), p.seed()));
    sb.append(String.format(Locale.ROOT,
        "- *Range scan:* %,d scans of `[key(s), key(s+%d))` from random s, %d entries each. kv-layer:"
            + " in one `Snapshot`, a `KvIterator` over `KeyRange.closedOpen` per scan; raw: in one"
            + " read txn, a cursor per scan (`MDB_SET_RANGE`, then `next` while below the end"
            + " key), keys and values copied.%n",
        p.scans(), p.scanLength(), p.scanLength()));
    sb.append("- *Full scan:* every entry in key order (one snapshot / one read txn and cursor),"
        + " keys and values copied unless *no copy*; sums value lengths. "
        + KvBench.FULL_PASSES + " passes per timed iteration.\n");
    sb.append("- *Bulk ingest:* all N entries, in key order, into an empty store. kv-layer: one"
        + " `BulkBatch` + `commit()` (durable); raw: `MDB_APPEND` through one cursor in one write"
        + " txn, `commit()` (fsync) and `env.sync(true)`.\n");
    sb.append(String.format(Locale.ROOT,
        "- *Durable commits:* write transactions of one put (16-byte key, %d-byte value), durable"
            + " when `commit()` returns: kv-layer `Durability.SYNC`; raw: default env flags, so"
            + " LMDB fsyncs every commit. Each writer thread has keys of its own (no conflicts).%n",
        p.valueBytes()));
    sb.append("\n");

    sb.append("Targets:\n\n");
    sb.append(target(out, "Point gets: kv-layer ≥ 0.70 × raw", "get", KV, "get", BB, 0.70, ""));
    sb.append(target(out, p.scanLength() + "-entry range scans: kv-layer ≥ 0.70 × raw", "scan",
        KV, "scan", BB, 0.70, ""));
    String bulkP = find(out.results, "bulk", KV + "-" + p.bulkPartitions() + "p")
        .flatMap(r8 -> find(out.results, "bulk", BB).map(b -> String.format(Locale.ROOT,
            "; with %d partitions %.2f × raw", p.bulkPartitions(), r8.median() / b.median())))
        .orElse("");
    sb.append(target(out, "Bulk ingest: kv-layer (1 partition) ≥ 0.70 × raw `MDB_APPEND`", "bulk",
        KV, "bulk", BB, 0.70, bulkP));
    String commit1 = find(out.results, "commit", KV + "-1w")
        .flatMap(k -> find(out.results, "commit", BB + "-1w").map(b -> String.format(Locale.ROOT,
            "; one kv-layer writer makes %.2f × the commits/s of raw fsync-per-commit",
            k.median() / b.median())))
        .orElse("");
    sb.append(target(out, p.writers() + " durable committers ≥ 8 × one (group commit)", "commit",
        KV + "-" + p.writers() + "w", "commit", KV + "-1w", 8.0, commit1));
    sb.append("\n");

    List<String> notes = new ArrayList<>();
    for (Row row : rows(p)) {
      find(out.results, row.workload, row.variant)
          .filter(r -> !r.note().isEmpty())
          .ifPresent(r -> notes.add(workloadLabel(row.workload, p).replaceAll(" \\(.*", "") + ", "
              + row.label.replace("**", "") + ": " + r.note()));
    }
    out.unavailable.forEach((impl, why) ->
        notes.add(impl + " was not measured: not available (" + why + ")"));
    problems.forEach(pr -> notes.add("PROBLEM: " + pr));
    if (!notes.isEmpty()) {
      sb.append("Notes:\n\n");
      notes.forEach(n -> sb.append("- ").append(n).append("\n"));
    }
    return sb.toString();
  }

  private static String target(KvBench.Outcome out, String what, String workload, String variant,
      String baseWorkload, String baseVariant, double goal, String extra) {
    Optional<Result> r = find(out.results, workload, variant);
    Optional<Result> b = find(out.results, baseWorkload, baseVariant);
    if (r.isEmpty() || b.isEmpty()) {
      return "- " + what + ": **not measured**\n";
    }
    double ratio = r.get().median() / b.get().median();
    StringBuilder s = new StringBuilder("- ").append(what).append(": ");
    s.append(ratio >= goal ? "**met**" : "**missed**");
    s.append(String.format(Locale.ROOT, " (%.2f ×", ratio));
    if (baseVariant.equals(BB)) {
      find(out.results, workload, AG).ifPresent(a -> s.append(String.format(Locale.ROOT,
          " raw ByteBuffer, %.2f × raw Agrona", r.get().median() / a.median())));
    }
    return s.append(extra).append(")\n").toString();
  }

  private static String implOf(String variant) {
    if (variant.startsWith(BB)) {
      return BB;
    }
    return variant.startsWith(AG) ? AG : KV;
  }

  private static Optional<Result> find(List<Result> results, String workload, String variant) {
    return results.stream()
        .filter(r -> r.workload().equals(workload) && r.variant().equals(variant))
        .findFirst();
  }

  private static String ratioCell(Result r, Optional<Result> base) {
    return base.map(b -> String.format(Locale.ROOT, "%.2f", r.median() / b.median())).orElse("");
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static final String DOC_HEADER =
      """
      # Nereid benchmarks

      Measured with the `bench` module. From the repository root:

          mvn -q -B -pl bench -am package -DskipTests && bench/run kv      # or: bench/run graph

      `bench/run --help` lists the benchmarks and options (`--quick` is a smoke run of well under a
      minute). The launcher passes the JVM flags itself. Each benchmark rewrites only its own section of this
      file when run with `--write-docs`.
      """;

  /**
   * Replaces the section of {@code file} that starts with the section's first line (a {@code ## }
   * heading) and runs to the next {@code ## } heading, or appends it; other sections stay as they
   * are. Creates the file if absent.
   */
  static void writeSection(Path file, String section) throws IOException {
    String heading = section.lines().findFirst().orElseThrow().strip();
    List<String> lines =
        Files.exists(file)
            ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8))
            : new ArrayList<>(DOC_HEADER.lines().toList());
    List<String> body = new ArrayList<>(section.strip().lines().toList());
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(heading)) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
        lines.remove(lines.size() - 1);
      }
      lines.add("");
      lines.addAll(body);
    } else {
      int end = start + 1;
      while (end < lines.size() && !lines.get(end).startsWith("## ")) {
        end++;
      }
      List<String> rest = new ArrayList<>(lines.subList(end, lines.size()));
      lines = new ArrayList<>(lines.subList(0, start));
      lines.addAll(body);
      if (!rest.isEmpty()) {
        lines.add("");
        lines.addAll(rest);
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }
}
