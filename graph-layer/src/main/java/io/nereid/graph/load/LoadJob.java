package io.nereid.graph.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The state of one load as a server reports it (Neptune's GET /loader/{id}): id, status, run
 * number, counters per file and overall, and the first {@value #MAX_ERRORS} errors (Neptune keeps
 * as many). The loader thread updates it after each commit; readers take {@link #view()} from any
 * thread. {@link #cancel()} asks a running load to stop after its current batch
 * (LOAD_CANCELLED_BY_USER); what was committed stays.
 */
public final class LoadJob {

  public static final int MAX_ERRORS = 10_000;

  private final String id;
  private final List<String> source;
  private final LoadOptions options;
  private final List<LoadFeed> feeds = new ArrayList<>();
  private final List<LoadError> errors = new ArrayList<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private int runNumber = 1;
  private long startTime = System.currentTimeMillis() / 1000;
  private long timeSpentMillis;
  private long errorCount;
  private LoadStatus status = LoadStatus.LOAD_NOT_STARTED;
  private String failure; // LOAD_UNEXPECTED_ERROR / LOAD_FAILED_INVALID_REQUEST reason
  // Set by BulkLoader.prepare: where an earlier run left the load.
  long startMillis = System.currentTimeMillis();
  long priorMillis;
  long committedErrorLog;

  public LoadJob(String id, List<String> source, LoadOptions options) {
    this.id = id;
    this.source = List.copyOf(source);
    this.options = options;
  }

  public String id() {
    return id;
  }

  public List<String> source() {
    return source;
  }

  public LoadOptions options() {
    return options;
  }

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  // ---------------------------------------------------------------- updates (loader thread)

  synchronized List<LoadFeed> feeds() {
    return List.copyOf(feeds);
  }

  synchronized void addFeed(LoadFeed f) {
    feeds.add(f);
  }

  synchronized void setRun(int runNumber, long startTime) {
    this.runNumber = runNumber;
    this.startTime = startTime;
  }

  synchronized void setStatus(LoadStatus s, String failure) {
    this.status = s;
    this.failure = failure;
  }

  synchronized void addTime(long millis) {
    timeSpentMillis += millis;
  }

  synchronized void setTime(long millis) {
    timeSpentMillis = millis;
  }

  synchronized void addErrors(List<LoadError> list) {
    for (LoadError e : list) {
      errorCount++;
      if (errors.size() < MAX_ERRORS) {
        errors.add(e);
      }
    }
  }

  /** Applies a committed batch's feed counters and positions. */
  synchronized void committed(LoadFeed feed, LoadCounters delta, long recordsDone, boolean done,
      LoadStatus feedStatus) {
    feed.counters.add(delta);
    feed.recordsDone = recordsDone;
    feed.done = done;
    feed.status = feedStatus;
  }

  // ---------------------------------------------------------------- reads (any thread)

  /** An immutable copy of the job's state. */
  public synchronized View view() {
    List<FeedView> fs = new ArrayList<>();
    LoadCounters total = new LoadCounters();
    for (LoadFeed f : feeds) {
      fs.add(new FeedView(f.path, f.kind, f.status, f.counters.copy(), f.recordsDone, f.done));
      total.add(f.counters);
    }
    return new View(id, source, runNumber, startTime, timeSpentMillis, status, failure, total,
        List.copyOf(fs), List.copyOf(errors), errorCount);
  }

  /** One file's state in a {@link View}. */
  public record FeedView(String path, FileHeader.Kind kind, LoadStatus status,
      LoadCounters counters, long recordsDone, boolean done) {}

  /**
   * A snapshot of the job.
   *
   * @param errors the first {@value #MAX_ERRORS} errors; {@code errorCount} counts all
   */
  public record View(String id, List<String> source, int runNumber, long startTime,
      long timeSpentMillis, LoadStatus status, String failure, LoadCounters overall,
      List<FeedView> feeds, List<LoadError> errors, long errorCount) {}
}
