package io.nereid.bench;

import java.util.Arrays;

/**
 * The measurement of one workload by one implementation variant.
 *
 * @param workload e.g. {@code get}, {@code scan}
 * @param variant e.g. {@code raw-bb}, {@code kv}
 * @param opsPerSecond one rate per timed iteration (or per time window for the commit phases)
 * @param checksum what the workload computed over the data; equal across variants of a workload
 * @param onCpu median share of the wall time the measuring thread was on a CPU (single-threaded
 *     workloads; -1 when not measured): well below 1 means the machine was busy with other work
 * @param note free text for the report (no tabs or newlines)
 */
record Result(
    String workload, String variant, double[] opsPerSecond, long checksum, double onCpu,
    String note) {

  private static final String TAG = "#RESULT";

  Result {
    if (opsPerSecond.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    opsPerSecond = opsPerSecond.clone();
    note = note == null ? "" : note.replaceAll("[\\t\\r\\n]+", " ").strip();
  }

  double median() {
    double[] s = opsPerSecond.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  double min() {
    return Arrays.stream(opsPerSecond).min().orElseThrow();
  }

  double max() {
    return Arrays.stream(opsPerSecond).max().orElseThrow();
  }

  /** This result and a later round's of the same workload and variant, samples pooled. */
  Result pooledWith(Result later) {
    double[] s = Arrays.copyOf(opsPerSecond, opsPerSecond.length + later.opsPerSecond.length);
    System.arraycopy(later.opsPerSecond, 0, s, opsPerSecond.length, later.opsPerSecond.length);
    double cpu = onCpu < 0 || later.onCpu < 0 ? -1 : Math.min(onCpu, later.onCpu);
    String n = note.equals(later.note) ? note : note + " / " + later.note;
    return new Result(workload, variant, s, checksum, cpu, n);
  }

  /** One line of the worker protocol (forked JVM to launcher). */
  String toLine() {
    StringBuilder sb = new StringBuilder(TAG);
    sb.append('\t').append(workload).append('\t').append(variant).append('\t').append(checksum);
    sb.append('\t').append(onCpu).append('\t');
    for (int i = 0; i < opsPerSecond.length; i++) {
      sb.append(i == 0 ? "" : ",").append(opsPerSecond[i]);
    }
    return sb.append('\t').append(note).toString();
  }

  static boolean isLine(String line) {
    return line.startsWith(TAG + "\t");
  }

  static Result parse(String line) {
    String[] f = line.split("\t", -1);
    double[] s = Arrays.stream(f[5].split(",")).mapToDouble(Double::parseDouble).toArray();
    return new Result(f[1], f[2], s, Long.parseLong(f[3]), Double.parseDouble(f[4]),
        f.length > 6 ? f[6] : "");
  }
}
