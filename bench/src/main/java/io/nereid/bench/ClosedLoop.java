package io.nereid.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;

/**
 * Drives one server with {@code clients} threads, each sending one request, waiting for its answer,
 * and sending the next (closed loop), for a fixed time. Every thread draws its start vertices from
 * its own random sequence, seeded per thread, so the two servers see the same ids in the same order.
 */
final class ClosedLoop {

  /** What one measured cell produced. */
  record Run(long requests, long errors, double seconds, long[] latencyNanos, String firstError) {
    double perSecond() {
      return requests / seconds;
    }
  }

  private ClosedLoop() {}

  /**
   * Runs {@code query} against {@code g} with {@code clients} threads for {@code seconds}; ids are
   * drawn from {@code ids} with per-thread seeds derived from {@code seed}.
   */
  static Run run(GraphTraversalSource g, BiFunction<GraphTraversalSource, String, Object> query,
      String[] ids, int clients, double seconds, long seed) throws InterruptedException {
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    Worker[] workers = new Worker[clients];
    Thread[] threads = new Thread[clients];
    AtomicReference<String> firstError = new AtomicReference<>();
    for (int i = 0; i < clients; i++) {
      workers[i] = new Worker(g, query, ids, new SplittableRandom(seed * 1_000_003L + i), firstError);
      Worker w = workers[i];
      threads[i] = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        w.loop();
      }, "bench-client-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    ready.await();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    for (Worker w : workers) {
      w.deadline = deadline;
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    long end = Arrays.stream(workers).mapToLong(w -> w.lastEnd).max().orElse(deadline);
    long requests = 0;
    long errors = 0;
    List<long[]> all = new ArrayList<>();
    for (Worker w : workers) {
      requests += w.count;
      errors += w.errors;
      all.add(Arrays.copyOf(w.latencies, w.count));
    }
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
    return new Run(requests, errors, (Math.max(end, deadline) - start) / 1e9, latencies, firstError.get());
  }

  private static final class Worker {
    final GraphTraversalSource g;
    final BiFunction<GraphTraversalSource, String, Object> query;
    final String[] ids;
    final SplittableRandom random;
    final AtomicReference<String> firstError;
    volatile long deadline;
    long[] latencies = new long[4096];
    int count;
    long errors;
    long lastEnd;

    Worker(GraphTraversalSource g, BiFunction<GraphTraversalSource, String, Object> query,
        String[] ids, SplittableRandom random, AtomicReference<String> firstError) {
      this.g = g;
      this.query = query;
      this.ids = ids;
      this.random = random;
      this.firstError = firstError;
    }

    void loop() {
      long now = System.nanoTime();
      while (now < deadline) {
        String id = ids[random.nextInt(ids.length)];
        try {
          query.apply(g, id);
          long end = System.nanoTime();
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = end - now;
          now = end;
        } catch (RuntimeException e) {
          errors++;
          firstError.compareAndSet(null, String.valueOf(e));
          now = System.nanoTime();
        }
      }
      lastEnd = now;
    }
  }

  /** The {@code q} quantile (0..1) of sorted {@code a}, nearest rank. */
  static double quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
