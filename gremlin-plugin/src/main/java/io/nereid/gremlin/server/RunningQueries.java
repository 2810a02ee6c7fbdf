package io.nereid.gremlin.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The queries the server is evaluating right now, for {@code /gremlin/status} and its cancel.
 *
 * <p>A query is registered by the worker thread that runs it (Gremlin Server calls the graph
 * manager's {@code beforeQueryStart} there), so cancelling one interrupts exactly that thread, the
 * same mechanism Gremlin Server uses for its evaluation timeout. Registration and cancel take the
 * entry's lock, so an interrupt never reaches a thread that has already moved on to another query.
 */
public final class RunningQueries {

  /** One query being evaluated. */
  public static final class RunningQuery {
    private final UUID requestId;
    private Supplier<String> describer;
    private String query;
    private final Thread thread;
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private boolean finished;
    private boolean committing;
    private volatile boolean cancelled;
    private volatile long waitedMillis;

    RunningQuery(UUID requestId, Supplier<String> describer, Thread thread) {
      this.requestId = requestId;
      this.describer = describer;
      this.thread = thread;
    }

    public UUID requestId() {
      return requestId;
    }

    /** The query's text, rendered on first use (most queries end before anyone asks). */
    public synchronized String query() {
      if (query == null) {
        query = describer.get();
        describer = null;
      }
      return query;
    }

    public long startMillis() {
      return startMillis;
    }

    public long elapsedMillis() {
      return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public boolean cancelled() {
      return cancelled;
    }

    /** How long the query was queued before a worker started it (known for HTTP requests only). */
    public long waitedMillis() {
      return waitedMillis;
    }

    synchronized boolean cancel() {
      if (finished || committing) {
        return false;
      }
      cancelled = true;
      thread.interrupt();
      return true;
    }

    synchronized boolean commit() {
      committing = true;
      return !cancelled;
    }

    synchronized void finish() {
      finished = true;
    }
  }

  private final ConcurrentMap<UUID, RunningQuery> running = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();

  /** Registers the query the calling thread is about to evaluate. */
  public void start(UUID requestId, String query) {
    start(requestId, () -> query);
  }

  /**
   * Registers the query the calling thread is about to evaluate, its text rendered only if asked
   * for: rendering bytecode to text for every request cost ~2 % of a worker's time in the server
   * benchmark (docs/BENCHMARKS.md), for a text that is almost never read.
   */
  public void start(UUID requestId, Supplier<String> query) {
    accepted.incrementAndGet();
    running.put(requestId, new RunningQuery(requestId, query, Thread.currentThread()));
  }

  /**
   * Records how long a registered query waited in the work queue. Gremlin Server does not tell
   * how long a WebSocket request waited, so only the HTTP runner, which queues its own work,
   * reports it.
   */
  public void waited(UUID requestId, long millis) {
    RunningQuery q = running.get(requestId);
    if (q != null) {
      q.waitedMillis = millis;
    }
  }

  /** How many queries have started since the server started (Neptune's acceptedQueryCount). */
  public long acceptedCount() {
    return accepted.get();
  }

  /** Forgets a query that has ended (in success or failure); unknown ids are ignored. */
  public void finish(UUID requestId) {
    RunningQuery q = running.remove(requestId);
    if (q != null) {
      q.finish();
    }
  }

  /** Whether the query was cancelled through {@link #cancel}; false once it has finished. */
  public boolean wasCancelled(UUID requestId) {
    RunningQuery q = running.get(requestId);
    return q != null && q.cancelled();
  }

  /**
   * Declares that the query's work is done and its transaction about to commit: from now on a
   * cancel does not interrupt it, since the committing thread may be writing the kv-layer's log,
   * whose file channel an interrupt would close. Returns false if the query was cancelled before,
   * in which case the caller must roll back instead (the cancel has been answered 200 OK). Unknown
   * ids return true.
   */
  public boolean commit(UUID requestId) {
    RunningQuery q = running.get(requestId);
    return q == null || q.commit();
  }

  /**
   * Interrupts the thread evaluating the query. Returns false if no such query is running (it has
   * finished or never existed) or it is committing (see {@link #commit}).
   */
  public boolean cancel(UUID requestId) {
    RunningQuery q = running.get(requestId);
    return q != null && q.cancel();
  }

  public Optional<RunningQuery> get(UUID requestId) {
    return Optional.ofNullable(running.get(requestId));
  }

  /** The running queries, oldest first. */
  public List<RunningQuery> list() {
    List<RunningQuery> all = new ArrayList<>(running.values());
    all.sort(Comparator.comparingLong(RunningQuery::startMillis));
    return all;
  }
}
