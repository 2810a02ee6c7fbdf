package io.nereid.bench;

import java.util.Arrays;

/**
 * The measurement of one workload by one implementation variant.
 *
 * @param workload e.g. {@code get}, {@code scan}
 * @param variant e.g. {@code raw-bb}, {@code kv}
 * @param opsPerSecond one rate per timed iteration (or per time window for the commit phases)
 * @param checksum what the workload computed over the data; equal across variants of a workload
 * @param note free text for the report (no tabs or newlines)
 */
record Result(String workload, String variant, double[] opsPerSecond, long checksum, String note) {

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

  /** One line of the worker protocol (forked JVM to launcher). */
  String toLine() {
    StringBuilder sb = new StringBuilder(TAG);
    sb.append('\t').append(workload).append('\t').append(variant).append('\t').append(checksum);
    sb.append('\t');
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
    double[] s = Arrays.stream(f[4].split(",")).mapToDouble(Double::parseDouble).toArray();
    return new Result(f[1], f[2], s, Long.parseLong(f[3]), f.length > 5 ? f[5] : "");
  }
}
