package io.nereid.bench;

import java.util.Locale;

/** Progress lines on standard error (standard output carries the report or worker protocol). */
final class Log {

  private static final long START = System.nanoTime();
  private static volatile String prefix = "bench";

  private Log() {}

  static void prefix(String p) {
    prefix = p;
  }

  static void info(String format, Object... args) {
    double t = (System.nanoTime() - START) / 1e9;
    System.err.printf(Locale.ROOT, "[%s %6.1fs] %s%n", prefix, t, String.format(Locale.ROOT, format, args));
    System.err.flush();
  }
}
