package io.nereid.gremlin.server.loader;

import io.nereid.graph.GraphStore;
import io.nereid.graph.load.BulkLoader;
import io.nereid.graph.load.LoadJob;
import io.nereid.graph.load.LoadOptions;
import io.nereid.graph.load.LoadStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's bulk loads, as Neptune runs them: one at a time, the others waiting in a FIFO queue
 * (at most {@value #MAX_QUEUED}), on a thread of their own (never Gremlin's worker pool). Loads go
 * into the server's open store through {@link BulkLoader#forLiveStore}, which is safe while
 * clients run transactions. The loads of this server's lifetime are held in memory (their live
 * status); earlier ones are listed from the job folder ({@code <data>/loads}).
 */
public final class LoaderService implements AutoCloseable {

  /** Neptune's limit of queued load requests. */
  public static final int MAX_QUEUED = 64;
  /** Finished loads kept in memory (Neptune tracks the last 1,024); older ones come from disk. */
  static final int MAX_KEPT = 1_024;

  private static final Logger log = LoggerFactory.getLogger(LoaderService.class);

  /** A request the loader refuses: Neptune's error code and a message saying why. */
  public static final class Refused extends Exception {
    private final String code;

    Refused(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private enum State { QUEUED, RUNNING, DONE, CANCELLED_IN_QUEUE }

  private static final class Entry {
    final LoadJob job;
    State state = State.QUEUED;
    String crash; // a failure BulkLoader.run did not report itself (an Error)

    Entry(LoadJob job) {
      this.job = job;
    }
  }

  private final BulkLoader loader;
  private final ExecutorService runner;
  private final Map<String, Entry> jobs = new LinkedHashMap<>(); // this server's, oldest first
  private boolean closed;

  public LoaderService(GraphStore store) {
    Path dataDir = store.kv().directory().getParent();
    this.loader = BulkLoader.forLiveStore(store, BulkLoader.defaultJobDir(dataDir));
    this.runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nereid-loader");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Prepares a load (lists its files, resolves NEW/RESUME/AUTO) and queues it; returns its id.
   *
   * @param queueRequest false: refused while another load runs or waits (Neptune's default)
   */
  public synchronized String start(List<Path> sources, LoadOptions options, boolean queueRequest)
      throws Refused, IOException {
    if (closed) {
      throw new Refused("BadRequestException", "the server is shutting down");
    }
    List<String> active = activeIds();
    if (!queueRequest && !active.isEmpty()) {
      throw new Refused("BadRequestException", "Max concurrent load limit breached: load "
          + active.get(0) + " is " + (jobs.get(active.get(0)).state == State.RUNNING
              ? "running" : "queued") + "; send queueRequest TRUE to queue this one");
    }
    if (active.size() > MAX_QUEUED) { // the running one plus MAX_QUEUED waiting
      throw new Refused("BadRequestException",
          "the load queue is full (" + MAX_QUEUED + " waiting loads); try again later");
    }
    LoadJob job;
    try {
      job = loader.prepare(sources, options);
    } catch (BulkLoader.InvalidRequestException e) {
      throw new Refused("BadRequestException", e.getMessage());
    }
    if (active.contains(job.id())) {
      throw new Refused("BadRequestException", "load " + job.id() + " of the same source is "
          + "already running or queued (mode " + options.mode() + " would continue it); wait for"
          + " it, cancel it, or send mode NEW");
    }
    Entry entry = new Entry(job);
    jobs.remove(job.id()); // a RESUME of a finished load of this server: the new run replaces it
    jobs.put(job.id(), entry);
    forgetOldest();
    runner.execute(() -> run(entry));
    return job.id();
  }

  private void run(Entry entry) {
    synchronized (this) {
      if (entry.state != State.QUEUED) {
        return; // cancelled while it waited
      }
      entry.state = State.RUNNING;
    }
    try {
      LoadJob.View v = loader.run(entry.job, null);
      log.info("load {}: {} ({} records, {} errors)", v.id(), v.status(),
          v.overall().totalRecords, v.errorCount());
    } catch (Throwable t) {
      log.error("load {} failed", entry.job.id(), t);
      synchronized (this) {
        entry.crash = t.toString();
      }
    } finally {
      synchronized (this) {
        entry.state = State.DONE;
      }
    }
  }

  /** The state of a load of this server, or of an earlier one recorded in the job folder. */
  public synchronized Optional<LoadJob.View> status(String loadId) throws IOException {
    Entry e = jobs.get(loadId);
    if (e == null) {
      return loader.storedView(loadId);
    }
    LoadJob.View v = e.job.view();
    return Optional.of(switch (e.state) {
      case QUEUED -> withStatus(v, LoadStatus.LOAD_IN_QUEUE, null);
      case CANCELLED_IN_QUEUE -> withStatus(v, LoadStatus.LOAD_CANCELLED_BY_USER, null);
      case RUNNING, DONE -> e.crash != null
          ? withStatus(v, LoadStatus.LOAD_UNEXPECTED_ERROR, e.crash)
          : v.status() == LoadStatus.LOAD_NOT_STARTED // taken from the queue, not begun yet
              ? withStatus(v, LoadStatus.LOAD_IN_PROGRESS, null) : v;
    });
  }

  /** Load ids, newest first: the waiting ones (if asked), then those that ran, at most limit. */
  public synchronized List<String> list(int limit, boolean includeQueued) throws IOException {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    List<String> mine = new ArrayList<>(jobs.keySet());
    for (int i = mine.size() - 1; i >= 0; i--) {
      State s = jobs.get(mine.get(i)).state;
      if (s != State.QUEUED || includeQueued) {
        ids.add(mine.get(i));
      }
    }
    for (String id : loader.loadIds()) {
      if (!jobs.containsKey(id)) {
        ids.add(id);
      }
    }
    return ids.stream().limit(limit).toList();
  }

  /**
   * Cancels a waiting or running load (a running one stops after the row it is on; what it
   * committed stays). Empty when the id is unknown.
   */
  public synchronized Optional<Boolean> cancel(String loadId) throws Refused, IOException {
    Entry e = jobs.get(loadId);
    if (e == null) {
      if (loader.loadIds().contains(loadId)) {
        throw new Refused("BadRequestException",
            "load " + loadId + " is not running or queued (it ran before this server started)");
      }
      return Optional.empty();
    }
    switch (e.state) {
      case QUEUED -> e.state = State.CANCELLED_IN_QUEUE;
      case RUNNING -> e.job.cancel();
      default -> throw new Refused("BadRequestException", "load " + loadId
          + " is not running or queued: " + status(loadId).orElseThrow().status());
    }
    return Optional.of(true);
  }

  /** Drops the oldest finished loads beyond {@link #MAX_KEPT} (storedView still reports them). */
  private void forgetOldest() {
    var it = jobs.entrySet().iterator();
    while (jobs.size() > MAX_KEPT && it.hasNext()) {
      State s = it.next().getValue().state;
      if (s == State.DONE || s == State.CANCELLED_IN_QUEUE) {
        it.remove();
      }
    }
  }

  /** Ids of the running and waiting loads, oldest first. */
  private List<String> activeIds() {
    List<String> ids = new ArrayList<>();
    jobs.forEach((id, e) -> {
      if (e.state == State.RUNNING || e.state == State.QUEUED) {
        ids.add(id);
      }
    });
    ids.sort((a, b) -> Boolean.compare(jobs.get(b).state == State.RUNNING,
        jobs.get(a).state == State.RUNNING)); // the running one first
    return ids;
  }

  private static LoadJob.View withStatus(LoadJob.View v, LoadStatus s, String failure) {
    return new LoadJob.View(v.id(), v.source(), v.runNumber(), v.startTime(), v.timeSpentMillis(),
        s, failure != null ? failure : v.failure(), v.overall(), v.feeds(), v.errors(),
        v.errorCount());
  }

  /**
   * Cancels every load and waits for the running one to stop, so that the store can close (the
   * graph calls this before closing its store). A stopped load can be continued with mode RESUME.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (Entry e : jobs.values()) {
        if (e.state == State.QUEUED) {
          e.state = State.CANCELLED_IN_QUEUE;
        } else if (e.state == State.RUNNING) {
          e.job.cancel();
        }
      }
    }
    runner.shutdown();
    try {
      if (!runner.awaitTermination(2, TimeUnit.MINUTES)) {
        log.error("the running load did not stop within 2 minutes; closing the store anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
