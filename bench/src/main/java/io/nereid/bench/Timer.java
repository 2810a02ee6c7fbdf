package io.nereid.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Warmup, timed iterations and median: the whole measuring discipline of the harness. */
final class Timer {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private Timer() {}

  /** One iteration of a workload; returns its checksum. */
  interface Body {
    long run() throws Exception;
  }

  /** One operation of thread {@code thread}, its {@code seq}-th. */
  interface ThreadOp {
    void run(int thread, long seq) throws Exception;
  }

  /**
   * Samples of one workload: the first {@code warmups} are logged and dropped. Every iteration must
   * compute the same checksum.
   */
  static final class Samples {
    private final String workload;
    private final String variant;
    private final long opsPerIteration;
    private final int warmups;
    private final List<Double> rates = new ArrayList<>();
    private final List<Double> onCpu = new ArrayList<>();
    private int seen;
    private Long checksum;

    Samples(String workload, String variant, long opsPerIteration, int warmups) {
      this.workload = workload;
      this.variant = variant;
      this.opsPerIteration = opsPerIteration;
      this.warmups = warmups;
    }

    void add(long nanos, long sum) {
      add(nanos, -1, sum);
    }

    /**
     * Adds one iteration; {@code cpuNanos} (the measuring thread's CPU time, or -1) is only logged:
     * on a busy machine it shows how much of the wall time the thread actually ran.
     */
    void add(long nanos, long cpuNanos, long sum) {
      if (checksum != null && checksum != sum) {
        throw new IllegalStateException(
            workload + "/" + variant + ": checksum changed between iterations: " + checksum
                + " then " + sum);
      }
      checksum = sum;
      double rate = opsPerIteration / (nanos / 1e9);
      boolean warm = seen++ < warmups;
      Log.info("%-5s %-18s %s %d: %,.0f ops/s (%.3f s%s)", workload, variant,
          warm ? "warmup" : "iter  ", warm ? seen : seen - warmups, rate, nanos / 1e9,
          cpuNanos < 0 ? "" : String.format(", thread on CPU %.0f%%", 100.0 * cpuNanos / nanos));
      if (!warm) {
        rates.add(rate);
        if (cpuNanos >= 0) {
          onCpu.add((double) cpuNanos / nanos);
        }
      }
    }

    Result result(String note) {
      double cpu = -1;
      if (!onCpu.isEmpty()) {
        List<Double> sorted = onCpu.stream().sorted().toList();
        cpu = sorted.get(sorted.size() / 2);
      }
      return new Result(workload, variant,
          rates.stream().mapToDouble(Double::doubleValue).toArray(), checksum, cpu, note);
    }
  }

  /** Runs {@code body} {@code warmups + iterations} times, collecting a full GC before each run. */
  static Result measure(String workload, String variant, long opsPerIteration, int warmups,
      int iterations, String note, Body body) throws Exception {
    Samples s = new Samples(workload, variant, opsPerIteration, warmups);
    for (int i = 0; i < warmups + iterations; i++) {
      System.gc();
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long sum = body.run();
      long t1 = System.nanoTime();
      s.add(t1 - t0, CPU.getCurrentThreadCpuTime() - c0, sum);
    }
    return s.result(note);
  }

  /**
   * Runs {@code op} in a loop on {@code threads} threads; after {@code warmupSeconds} counts the
   * completed operations in {@code windows} consecutive windows spanning {@code seconds}, and
   * reports one rate per window.
   */
  static Result throughput(String workload, String variant, int threads, double warmupSeconds,
      double seconds, int windows, String note, ThreadOp op) throws Exception {
    LongAdder done = new LongAdder();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread[] workers = new Thread[threads];
    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] = new Thread(() -> {
        try {
          for (long seq = 0; !stop.get(); seq++) {
            op.run(id, seq);
            done.increment();
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
          stop.set(true);
        }
      }, workload + "-" + variant + "-" + t);
      workers[t].start();
    }
    double[] rates = new double[windows];
    try {
      sleep(warmupSeconds);
      long c0 = done.sum();
      long t0 = System.nanoTime();
      for (int w = 0; w < windows && !stop.get(); w++) {
        sleep(seconds / windows);
        long c1 = done.sum();
        long t1 = System.nanoTime();
        rates[w] = (c1 - c0) / ((t1 - t0) / 1e9);
        Log.info("%-5s %-18s window %d: %,.0f ops/s", workload, variant, w + 1, rates[w]);
        c0 = c1;
        t0 = t1;
      }
    } finally {
      stop.set(true);
      for (Thread w : workers) {
        w.join();
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException(workload + "/" + variant + " failed", failure.get());
    }
    return new Result(workload, variant, rates, 0, -1, note);
  }

  private static void sleep(double seconds) throws InterruptedException {
    Thread.sleep(Math.max(1, Math.round(seconds * 1000)));
  }
}
