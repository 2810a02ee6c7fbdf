package io.nereid.graph.load;

import io.nereid.graph.GraphStore;
import io.nereid.kv.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Loads Neptune Gremlin CSV files into a graph store opened by this process alone (the offline
 * path: new facts go in as sorted kv bulk batches). {@link #prepare} resolves the mode (NEW,
 * RESUME, AUTO) into a {@link LoadJob}; {@link #run} executes it in the calling thread, which a
 * server can make a background thread while it answers status requests from {@link LoadJob#view}.
 * Jobs are described in {@code <jobDir>/<loadId>.properties}, their errors logged in {@code
 * <jobDir>/<loadId>.errors}; their progress is in the store.
 */
public final class BulkLoader {

  /** Live progress, for a progress line. */
  public record Progress(long records, long bytesRead, long bytesTotal, long elapsedNanos) {}

  /** A load request that cannot start (Neptune: LOAD_FAILED_INVALID_REQUEST). */
  public static final class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
      super(message);
    }
  }

  private final GraphStore store;
  private final Path jobDir;
  private final boolean liveStore;

  /** A loader that is the store's only writer (the offline path: kv bulk batches). */
  public BulkLoader(GraphStore store, Path jobDir) {
    this(store, jobDir, false);
  }

  private BulkLoader(GraphStore store, Path jobDir, boolean liveStore) {
    this.store = store;
    this.jobDir = jobDir;
    this.liveStore = liveStore;
  }

  /**
   * A loader for a store that clients read and write meanwhile (a server): each batch is one graph
   * transaction, conflict-checked against theirs, committed while their commits wait (see {@link
   * LiveBatchWriter}); slower than the offline path, same semantics, status and progress.
   */
  public static BulkLoader forLiveStore(GraphStore store, Path jobDir) {
    return new BulkLoader(store, jobDir, true);
  }

  /** The default place of job descriptions and error logs: {@code <store>/loads}. */
  public static Path defaultJobDir(Path storeDir) {
    return storeDir.resolve("loads");
  }

  public Path errorLogPath(String loadId) {
    return jobDir.resolve(loadId + ".errors");
  }

  /** Ids of the loads described in the job folder, newest first (GET /loader). */
  public List<String> loadIds() throws IOException {
    return JobFile.all(jobDir).stream().map(JobFile.Info::id).toList();
  }

  /**
   * A load's state as the job folder and the store recorded it, for a load that does not run in
   * this process (a server's status of loads from before its start); empty for an unknown id. A
   * load recorded as LOAD_IN_PROGRESS was interrupted: mode RESUME continues it.
   */
  public Optional<LoadJob.View> storedView(String loadId) throws IOException {
    Path file = jobDir.resolve(loadId + ".properties");
    if (!loadId.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    JobFile.Info info = JobFile.read(file);
    LoadProgress.Job progress;
    try (Snapshot s = store.kv().snapshot()) {
      progress = LoadProgress.read(s, store.spaces().meta(), loadId);
    }
    LoadJob job = new LoadJob(loadId, info.source(), LoadOptions.defaults());
    for (JobFile.FileInfo f : info.files()) {
      LoadFeed feed = new LoadFeed(f.index(), f.path(), null, f.size(), f.modified());
      LoadProgress.Feed p = progress.feeds().get(f.index());
      if (p != null) {
        feed.recordsDone = p.records();
        feed.done = p.state() == LoadProgress.DONE;
        feed.counters.add(p.counters());
        feed.status = p.state() == LoadProgress.IN_PROGRESS ? LoadStatus.LOAD_IN_PROGRESS
            : p.state() == LoadProgress.FAILED || p.counters().errors() > 0
                ? LoadStatus.LOAD_FAILED : LoadStatus.LOAD_COMPLETED;
      }
      job.addFeed(feed);
    }
    job.setRun(info.runNumber(), info.startTime() / 1000);
    job.setTime(progress.millis());
    LoadStatus status = LoadStatus.valueOf(info.status());
    job.setStatus(status, status == LoadStatus.LOAD_IN_PROGRESS
        ? "interrupted: the process running it stopped; mode RESUME continues it" : null);
    job.addErrors(ErrorLog.read(errorLogPath(loadId), progress.errorLogBytes()));
    return Optional.of(job.view());
  }

  /**
   * Lists the files and finds the earlier load of the same source for RESUME and AUTO: files it
   * finished are skipped, a file it left part-way continues after its last committed record, a
   * file that changed since (size or modification time) is loaded again from its start.
   *
   * @throws InvalidRequestException no such file or folder, or RESUME without an earlier load
   */
  public LoadJob prepare(List<Path> sources, LoadOptions options) throws IOException {
    if (sources.isEmpty()) {
      throw new InvalidRequestException("no files or folders to load");
    }
    List<String> source = new ArrayList<>();
    List<Path> real = new ArrayList<>();
    for (Path p : sources) {
      if (!Files.exists(p)) {
        throw new InvalidRequestException("no such file or folder: " + p);
      }
      real.add(p.toRealPath()); // the same source however it is spelled, for RESUME
      source.add(real.get(real.size() - 1).toString());
    }
    List<SourceFiles.Entry> listing = SourceFiles.list(real);
    JobFile.Info earlier = null;
    if (options.mode() != LoadOptions.Mode.NEW) {
      for (JobFile.Info i : JobFile.all(jobDir)) {
        if (i.source().equals(source)) {
          earlier = i;
          break;
        }
      }
      if (earlier == null && options.mode() == LoadOptions.Mode.RESUME) {
        throw new InvalidRequestException("RESUME: no earlier load of " + source + " in " + jobDir);
      }
    }
    String id = earlier != null ? earlier.id() : UUID.randomUUID().toString();
    LoadJob job = new LoadJob(id, source, options);
    LoadProgress.Job progress;
    try (Snapshot s = store.kv().snapshot()) {
      progress = LoadProgress.read(s, store.spaces().meta(), id);
    }
    Map<String, JobFile.FileInfo> known = new HashMap<>();
    int next = 0;
    if (earlier != null) {
      for (JobFile.FileInfo f : earlier.files()) {
        known.put(f.path(), f);
        next = Math.max(next, f.index() + 1);
      }
    }
    for (SourceFiles.Entry e : listing) {
      JobFile.FileInfo before = known.get(e.path().toString());
      int index = before != null ? before.index() : next++;
      LoadFeed f = new LoadFeed(index, e.path().toString(), e.kind(), e.size(), e.modified());
      LoadProgress.Feed p = progress.feeds().get(index);
      if (before != null && p != null && before.size() == e.size()
          && before.modified() == e.modified()) {
        f.recordsDone = p.records();
        f.done = p.state() == LoadProgress.DONE;
        f.counters.add(p.counters());
        f.status = p.state() == LoadProgress.IN_PROGRESS ? LoadStatus.LOAD_IN_PROGRESS
            : p.state() == LoadProgress.FAILED || p.counters().errors() > 0
                ? LoadStatus.LOAD_FAILED : LoadStatus.LOAD_COMPLETED;
      }
      job.addFeed(f);
    }
    job.setRun(earlier != null ? earlier.runNumber() + 1 : 1, System.currentTimeMillis() / 1000);
    job.priorMillis = progress.millis();
    job.committedErrorLog = progress.errorLogBytes();
    job.addErrors(ErrorLog.read(errorLogPath(id), progress.errorLogBytes()));
    return job;
  }

  /** Runs a prepared job to its end in the calling thread and returns its final state. */
  public LoadJob.View run(LoadJob job, Consumer<Progress> listener) {
    List<LoadFeed> feeds = job.feeds();
    int run = job.view().runNumber();
    long startMillis = System.currentTimeMillis();
    job.setRun(run, startMillis / 1000);
    job.setStatus(LoadStatus.LOAD_IN_PROGRESS, null);
    job.setTime(job.priorMillis);
    JobFile.write(jobDir, job, feeds, run, startMillis, LoadStatus.LOAD_IN_PROGRESS);
    long total = feeds.stream().filter(f -> !f.done()).mapToLong(LoadFeed::size).sum();
    AtomicLong bytes = new AtomicLong();
    AtomicLong records = new AtomicLong();
    long t0 = System.nanoTime();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nereid-load-progress");
      t.setDaemon(true);
      return t;
    });
    if (listener != null) {
      ticker.scheduleAtFixedRate(() -> listener.accept(
          new Progress(records.get(), bytes.get(), total, System.nanoTime() - t0)),
          1, 1, TimeUnit.SECONDS);
    }
    LoadStatus status;
    String reason = null;
    try (ErrorLog log = new ErrorLog(errorLogPath(job.id()), job.committedErrorLog)) {
      status = new LoadRun(store, job, feeds, log, bytes, records, job.priorMillis,
          liveStore ? new LiveBatchWriter(store) : null).run();
      if (status != LoadStatus.LOAD_CANCELLED_BY_USER) {
        for (LoadFeed f : job.feeds()) {
          if (!f.done() || f.status() == LoadStatus.LOAD_FAILED) {
            status = LoadStatus.LOAD_FAILED;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = LoadStatus.LOAD_CANCELLED_BY_USER;
    } catch (RuntimeException e) {
      status = LoadStatus.LOAD_UNEXPECTED_ERROR;
      reason = e.toString();
    } finally {
      ticker.shutdownNow();
    }
    if (listener != null) {
      listener.accept(new Progress(records.get(), bytes.get(), total, System.nanoTime() - t0));
    }
    job.setStatus(status, reason);
    JobFile.write(jobDir, job, feeds, run, startMillis, status);
    return job.view();
  }
}
