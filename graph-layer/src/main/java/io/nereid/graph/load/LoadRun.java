package io.nereid.graph.load;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.graph.load.FeedReader.Item;
import io.nereid.kv.BulkBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One run of a load: takes rows from a {@link FeedReader}, merges them into batches ({@link
 * BatchBuilder}) and commits each batch ({@link BatchWriter}) with the progress of every file it
 * touched and its errors, so that a crash or a stop leaves the job's recorded state and the data
 * in agreement. Vertex files come first and a batch never mixes vertex and edge rows, so every
 * edge finds its vertices committed.
 *
 * <p>Into a store that clients use at the same time ({@code live}: a {@link LiveBatchWriter}),
 * batches are smaller, no id is taken as known from an earlier batch (a client may have removed
 * it), each batch commits in this thread through a graph transaction, and the run holds {@link
 * GraphStore#exclusiveCommits()} from the batch's first store read to its commit.
 */
final class LoadRun {

  /** Per file, what the open batch adds to its committed state. */
  private static final class FeedDelta {
    final LoadCounters counters = new LoadCounters();
    long records;
    int state = LoadProgress.IN_PROGRESS;
  }

  private final GraphStore store;
  private final LoadJob job;
  private final List<LoadFeed> feeds;
  private final ErrorLog errorLog;
  private final AtomicLong rawBytes;
  private final AtomicLong liveRecords;
  private final long priorMillis;
  private final long started = System.nanoTime();
  private final Map<LoadFeed, FeedDelta> deltas = new LinkedHashMap<>();
  /**
   * Per file, the counters of every batch handed to the committer (the file's counters in the job
   * lag by the batches in flight); the loader's thread only. A file's entry starts from the job's
   * counters when this run first hands over a batch with its rows: no batch in flight has any then.
   */
  private final Map<LoadFeed, LoadCounters> submitted = new HashMap<>();
  private final List<LoadError> batchErrors = new ArrayList<>();
  private LoadStatus outcome = LoadStatus.LOAD_COMPLETED;
  private final ExecutorService committer = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nereid-load-committer");
    t.setDaemon(true);
    return t;
  });
  /** Runs the bulk commits (BatchWriter), so that the committer builds the next batch's keys. */
  private final ExecutorService finisher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "nereid-load-finisher");
    t.setDaemon(true);
    return t;
  });
  /** Batches handed to the committer and not yet recorded in the job, oldest first (two at most). */
  private final Deque<InFlight> inFlight = new ArrayDeque<>();
  /** Set when the run ends: batches not started by then are not started. */
  private volatile boolean stopped;

  /**
   * A batch handed to the committer: {@code built} completes once its ids are given and its keys
   * built (or it failed), {@code committed} when it has committed; {@code after} then records it
   * in the job.
   */
  private record InFlight(CompletableFuture<Void> built, CompletableFuture<Void> committed,
      Runnable after) {}
  /** Statements per batch into a live store: bounds how long client commits wait for a batch. */
  static final int LIVE_BATCH_STATEMENTS = 2_000;
  /**
   * Whether offline loads into an empty store defer their randomly-filled key spaces (system
   * property {@code nereid.load.noDeferral} turns it off; tests compare both).
   */
  static volatile boolean defer = !Boolean.getBoolean("nereid.load.noDeferral");
  /** Test hook: runs on the loader's thread as each batch ends (a test slows that thread). */
  static volatile Runnable beforeCommit;
  /**
   * Run files beyond this many bytes are merged during the load: at most a quarter of the free
   * space of the store's file system when the load starts, at most this.
   */
  static volatile long pendingBudget = Long.getLong("nereid.load.pendingBudgetBytes", 32L << 30);
  private final LiveBatchWriter live; // null: the offline path
  private boolean gateHeld;

  LoadRun(GraphStore store, LoadJob job, List<LoadFeed> feeds, ErrorLog errorLog,
      AtomicLong rawBytes, AtomicLong liveRecords, long priorMillis, LiveBatchWriter live) {
    this.live = live;
    this.store = store;
    this.job = job;
    this.feeds = feeds;
    this.errorLog = errorLog;
    this.rawBytes = rawBytes;
    this.liveRecords = liveRecords;
    this.priorMillis = priorMillis;
  }

  /**
   * Runs to the end, a failOnError stop or a cancel. Returns LOAD_CANCELLED_BY_USER, LOAD_FAILED
   * when this run met an error, else LOAD_COMPLETED (the caller also weighs earlier runs).
   */
  LoadStatus run() throws InterruptedException {
    LoadOptions options = job.options();
    KnownIds known;
    boolean empty;
    long edgeRows = edgeRows();
    try (GraphSnapshot s = store.snapshot()) {
      empty = s.vertexCount() == 0 && s.edgeCount() == 0;
      known = live != null
          ? new KnownIds(true, true, 0, 512, 1) // always ask the store: clients change it meanwhile
          : new KnownIds(s.vertexCount() > 0, s.edgeCount() > 0, 20_000_000,
              filterBits(edgeRows), edgeRows);
    }
    // into an empty store, offline: the randomly-filled key spaces go to run files, merged in
    // key order at the end (PendingRuns); into a store with data, as before
    PendingRuns pending = live == null && empty && defer
        ? PendingRuns.open(store, pendingBudget) : null;
    BlockingQueue<List<Item>> queue = new ArrayBlockingQueue<>(64);
    FeedReader reader = new FeedReader(feeds, options, queue, rawBytes);
    Thread readerThread = new Thread(reader, "nereid-load-reader");
    readerThread.setDaemon(true);
    readerThread.start();
    ForkJoinPool pool = new ForkJoinPool(options.parallelism().threads());
    BatchWriter writer = new BatchWriter(store, pool, pending, finisher);
    FileHeader.Kind batchKind = null;
    int batchStatements = live != null
        ? Math.min(options.batchStatements(), LIVE_BATCH_STATEMENTS) : options.batchStatements();
    boolean merged = false;
    try (BatchBuilder batch = new BatchBuilder(store, options, known, pending,
        this::beforeRead)) {
      loop:
      while (true) {
        for (Item item : queue.take()) {
          if (job.isCancelled()) {
            outcome = LoadStatus.LOAD_CANCELLED_BY_USER;
            break loop;
          }
          switch (item.kind()) {
            case END -> {
              break loop;
            }
            case ROW, BAD_ROW -> {
              FileHeader.Kind kind = item.feed().kind();
              if (batchKind != null && kind != batchKind) {
                commit(batch, writer, known);
              }
              batchKind = kind;
              if (!row(batch, item)) {
                break loop;
              }
              if (batch.statements >= batchStatements) {
                commit(batch, writer, known);
              }
            }
            case FEED_END -> delta(item.feed(), item.record()).state = LoadProgress.DONE;
            case FEED_FAILED -> {
              FeedDelta d = delta(item.feed(), item.record());
              LoadException e = item.errors().get(0);
              error(item.feed(), d, e);
              d.state = options.failOnError() ? LoadProgress.FAILED : LoadProgress.DONE;
              outcome = LoadStatus.LOAD_FAILED;
              if (options.failOnError()) {
                break loop;
              }
            }
          }
        }
      }
      commit(batch, writer, known);
      awaitCommitted();
      if (pending != null) {
        pending.mergeAll(); // what the run reports as loaded is in the store's indexes
        merged = true;
      }
    } finally {
      stopped = true; // batches not started are not started
      // a commit already running ends before the store may close
      awaitTermination(committer);
      awaitTermination(finisher);
      inFlight.clear();
      exitGate();
      reader.stop();
      readerThread.interrupt();
      pool.shutdown();
      if (pending != null) {
        pending.close();
        if (!merged) {
          try {
            pending.mergeAll(); // after a failure: else the next open of the store does it
          } catch (RuntimeException e) {
            // the run fails with its first exception
          }
        }
      }
    }
    return outcome;
  }

  /**
   * Bloom filter size for the edge ids of this run: 64 to 128 bits per edge row, at most 128 MiB,
   * so that false positives — a store read, and a wait for the batch in flight — stay rare (about
   * 1 in 10^9 at 100 bits per edge: see {@link BlockedBloomFilter}).
   */
  private static long filterBits(long rows) {
    return Math.max(1L << 16, Math.min(1L << 30, Long.highestOneBit(Math.max(1, rows * 64)) * 2));
  }

  /**
   * At most how many edge rows this run reads, from the files' sizes: 16 bytes per row at least,
   * 8 times that for compressed files.
   */
  private long edgeRows() {
    long rows = 0;
    for (LoadFeed f : feeds) {
      if (f.kind() == FileHeader.Kind.EDGE && !f.done()) {
        boolean compressed = f.path().endsWith(".gz") || f.path().endsWith(".bz2");
        rows += f.size() / 16 * (compressed ? 8 : 1);
      }
    }
    return rows;
  }

  /** Applies one row; false when the load must stop (failOnError). */
  private boolean row(BatchBuilder batch, Item item) {
    FeedDelta d = delta(item.feed(), item.record());
    long before = d.counters.totalRecords;
    List<LoadException> errors = item.kind() == FeedReader.Kind.BAD_ROW
        ? item.errors()
        : batch.apply(item.row(), item.errors(), d.counters);
    liveRecords.addAndGet(d.counters.totalRecords - before);
    for (LoadException e : errors) {
      error(item.feed(), d, e);
    }
    if (!errors.isEmpty()) {
      outcome = LoadStatus.LOAD_FAILED;
      if (job.options().failOnError()) {
        d.records = item.record() - 1; // the failing record is not loaded: a RESUME retries it
        d.state = LoadProgress.FAILED;
        return false;
      }
    }
    return true;
  }

  private void error(LoadFeed feed, FeedDelta d, LoadException e) {
    d.counters.error(e.code());
    batchErrors.add(e.toError(feed.path()));
  }

  private FeedDelta delta(LoadFeed feed, long records) {
    FeedDelta d = deltas.computeIfAbsent(feed, f -> new FeedDelta());
    d.records = records;
    return d;
  }

  /**
   * Ends the open batch: its graph transaction (if any) and its new vertices' ids happen here; its
   * keys are built, sorted and filled into a bulk batch in the committer thread while the next
   * batch is built (on two cores, the loader's thread is the one to keep light), and the bulk
   * batch commits in the finisher thread while the committer builds the next batch's keys. Two
   * batches are in flight at most; batches commit in order, a batch gives ids only after the one
   * before it has given its own (so ids do not depend on timing), and a batch that reads the
   * store first waits for every batch in flight, so every read sees every earlier batch. A live
   * run writes the batch here, in one graph transaction. The job's state is updated only once the
   * batch is committed.
   */
  private void commit(BatchBuilder batch, BatchWriter writer, KnownIds known) {
    Runnable hook = beforeCommit;
    if (hook != null) {
      hook.run();
    }
    if (live != null || batch.hasStored) {
      awaitCommitted(); // a graph transaction or a live write: every earlier batch is in the store
    } else {
      // two batches in flight at most: one committing while the next one's keys are built; and
      // this batch gives ids (prepare) only after the one before it has given its own
      while (inFlight.size() > 1) {
        awaitOldest();
      }
      if (!inFlight.isEmpty()) {
        awaitBuilt(inFlight.peekLast());
      }
    }
    if (deltas.isEmpty() && batch.isEmpty()) {
      exitGate();
      return;
    }
    long errlog = errorLog.append(batchErrors); // on disk before the progress that covers them
    long millis = priorMillis + (System.nanoTime() - started) / 1_000_000;
    Collection<VertexDraft> vertices = batch.vertices.values(); // reset() leaves them alone
    Collection<EdgeDraft> edges = batch.edges.values();
    if (live == null) {
      writer.prepare(vertices, edges, batch.hasStored);
    }
    for (VertexDraft v : vertices) {
      if (!v.existing) {
        known.addVertex(v.externalId, v.id);
      }
    }
    Map<LoadFeed, FeedDelta> committed = new LinkedHashMap<>(deltas);
    List<LoadError> errors = List.copyOf(batchErrors);
    deltas.clear();
    batchErrors.clear();
    // the file's counters as of this batch, for its progress keys: the committed ones, the
    // batches still in flight (the job counts them only once they commit) and this one
    Map<LoadFeed, LoadCounters> totals = new LinkedHashMap<>();
    for (Map.Entry<LoadFeed, FeedDelta> e : committed.entrySet()) {
      LoadCounters t = submitted.computeIfAbsent(e.getKey(), f -> f.counters().copy());
      t.add(e.getValue().counters);
      totals.put(e.getKey(), t.copy());
    }
    Consumer<BulkBatch> progress = b -> {
      for (Map.Entry<LoadFeed, FeedDelta> e : committed.entrySet()) {
        LoadProgress.putFeed(b, store.spaces().meta(), job.id(), e.getKey().index(),
            e.getValue().records, e.getValue().state, totals.get(e.getKey()));
      }
      LoadProgress.putJob(b, store.spaces().meta(), job.id(), errlog, millis);
    };
    CompletableFuture<Void> built = new CompletableFuture<>();
    CompletableFuture<Void> done;
    if (live != null) {
      try {
        enterGate();
        live.write(vertices, edges, progress);
      } finally {
        exitGate();
        batch.reset();
      }
      built.complete(null);
      done = CompletableFuture.completedFuture(null);
    } else {
      batch.reset();
      // the keys are built, sorted and filled in the committer thread, committed in the finisher
      done = CompletableFuture.supplyAsync(() -> {
        if (stopped) {
          throw new CancellationException("the load stopped before this batch");
        }
        return writer.commit(vertices, edges, progress, () -> built.complete(null));
      }, committer).thenCompose(f -> f);
      done.whenComplete((v, e) -> built.complete(null)); // also when it failed first
    }
    Runnable afterCommit = () -> {
      for (Map.Entry<LoadFeed, FeedDelta> e : committed.entrySet()) {
        LoadFeed f = e.getKey();
        FeedDelta d = e.getValue();
        boolean hasErrors = f.counters().errors() + d.counters.errors() > 0;
        LoadStatus s = d.state == LoadProgress.IN_PROGRESS
            ? LoadStatus.LOAD_IN_PROGRESS
            : hasErrors ? LoadStatus.LOAD_FAILED : LoadStatus.LOAD_COMPLETED;
        job.committed(f, d.counters, d.records, d.state == LoadProgress.DONE, s);
      }
      job.addErrors(errors);
      job.setTime(millis);
    };
    inFlight.addLast(new InFlight(built, done, afterCommit));
  }

  /** Before a batch's first store read: the earlier batch is committed; a live run takes the gate. */
  private void beforeRead() {
    awaitCommitted();
    if (live != null) {
      enterGate();
    }
  }

  private void enterGate() {
    if (!gateHeld) {
      store.exclusiveCommits().lock();
      gateHeld = true;
    }
  }

  private void exitGate() {
    if (gateHeld) {
      gateHeld = false;
      store.exclusiveCommits().unlock();
    }
  }

  /** Waits for the batches in flight to commit, then records them in the job, in order. */
  void awaitCommitted() {
    while (!inFlight.isEmpty()) {
      awaitOldest();
    }
  }

  /** Waits for the oldest batch in flight to commit, then records it in the job. */
  private void awaitOldest() {
    InFlight f = inFlight.peekFirst();
    try {
      await(f.committed(), "commits");
    } finally {
      inFlight.removeFirst();
    }
    f.after().run();
  }

  /**
   * Waits until {@code f} has built its keys; if it has failed by then, its failure is thrown here
   * (a later failure, in its commit, fails the next batch before that one fills anything).
   */
  private void awaitBuilt(InFlight f) {
    await(f.built(), "builds its keys"); // never fails: see commit
    if (f.committed().isCompletedExceptionally()) {
      awaitCommitted(); // throws the batch's failure; no later batch may commit
    }
  }

  /** Waits for {@code f}; its failure is thrown as it was raised, unchecked. */
  private static void await(CompletableFuture<Void> f, String doing) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch " + doing, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Stops {@code executor} and waits for its task to end, however long: a bulk batch that is
   * committing must end before the store may close. An interrupt is kept for the caller.
   */
  private static void awaitTermination(ExecutorService executor) {
    executor.shutdown();
    boolean interrupted = false;
    while (true) {
      try {
        if (executor.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
