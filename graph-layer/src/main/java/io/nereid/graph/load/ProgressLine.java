package io.nereid.graph.load;

import java.io.PrintStream;

/**
 * The live progress line of the load command (offline, and against a server): records (statements) per second, elapsed time and
 * an estimate of the time left from the bytes read (compressed bytes for compressed files). On a
 * terminal it rewrites one line every second; otherwise it prints a line every 30 seconds, so that
 * logs of long loads still show progress.
 */
public final class ProgressLine {

  private final PrintStream err;
  private final boolean terminal;
  private long lastPrinted;
  private boolean dirty;

  public ProgressLine(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  public synchronized void update(BulkLoader.Progress p) {
    double secs = p.elapsedNanos() / 1e9;
    if (!terminal && secs - lastPrinted < 30) {
      return;
    }
    lastPrinted = (long) secs;
    String left = "";
    if (p.bytesTotal() > 0 && p.bytesRead() > 0 && p.bytesRead() < p.bytesTotal()) {
      double rest = secs * (p.bytesTotal() - p.bytesRead()) / p.bytesRead();
      left = String.format(", about %s left (%d%%)", time(rest),
          100 * p.bytesRead() / p.bytesTotal());
    }
    String line = String.format("%,d records, %,.0f records/s, %s elapsed%s",
        p.records(), secs > 0 ? p.records() / secs : 0, time(secs), left);
    if (terminal) {
      err.print("\r" + line + "\033[K");
      dirty = true;
    } else {
      err.println(line);
    }
  }

  public synchronized void finish() {
    if (dirty) {
      err.println();
      dirty = false;
    }
  }

  private static String time(double secs) {
    long s = Math.round(secs);
    return s >= 3600 ? String.format("%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60)
        : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
