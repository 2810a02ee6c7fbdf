package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.lmdbjava.Env;

/**
 * Applies a batch of commits to the partitions: every touched partition fills one LMDB write
 * transaction in parallel (while the caller forces the log), then all commit together inside the
 * store's visibility barrier, so that no snapshot sees some partitions of a commit without the
 * others. A full map aborts the whole batch, grows, and retries.
 */
final class BatchApplier {

  private static final int MAX_GROWTH_RETRIES = 8;

  private final LmdbKvStore store;

  BatchApplier(LmdbKvStore store) {
    this.store = store;
  }

  /**
   * Applies {@code records} (ascending sequence numbers). {@code whileFilling} runs on the calling
   * thread while the partitions fill (the log write); if it throws, nothing is applied. {@code
   * wanted} filters partitions (recovery replays only what a partition lacks).
   */
  void apply(List<CommitRecord> records, Runnable whileFilling, RecordFilter wanted) {
    long seq = records.get(records.size() - 1).seq();
    Runnable beforeDecision = whileFilling;
    for (int attempt = 0; ; attempt++) {
      Map<Integer, PartitionCommit> commits = split(records, seq, wanted);
      if (attempt == 0) {
        // Grow ahead of a large batch, so that it fails (if it must) before it is logged.
        store.ensureRoom(commits);
      }
      commits.forEach((p, c) -> store.partition(p).writer.execute(c));
      Throwable logFailure = null;
      if (beforeDecision != null) {
        try {
          beforeDecision.run();
        } catch (Throwable t) {
          logFailure = t;
        }
        beforeDecision = null; // the log is written once, whatever happens to the partitions
      }
      Set<Integer> full = new HashSet<>();
      Throwable fillFailure = awaitPrepared(commits, full);
      if (logFailure != null || fillFailure != null || !full.isEmpty()) {
        commits.values().forEach(c -> c.decide(false));
        commits.values().forEach(c -> c.done.join());
        if (logFailure != null) {
          throw asKv(logFailure);
        }
        if (fillFailure != null) {
          throw asKv(fillFailure);
        }
        if (attempt >= MAX_GROWTH_RETRIES) {
          throw new StoreFullException("the map could not grow enough for one batch", null);
        }
        store.growMaps(full);
        continue;
      }
      commitAll(commits, seq);
      return;
    }
  }

  private void commitAll(Map<Integer, PartitionCommit> commits, long seq) {
    long stamp = store.visibility().writeLock();
    try {
      commits.values().forEach(c -> c.decide(true));
      Throwable failure = null;
      for (PartitionCommit c : commits.values()) {
        try {
          c.done.join();
        } catch (CompletionException e) {
          failure = e.getCause();
        }
      }
      if (failure != null) {
        // Some partitions committed, some did not: the log holds the batch, so reopening the store
        // completes it. Until then the store refuses work rather than show a partial commit.
        throw store.fail(failure);
      }
      store.advanceApplied(seq);
    } finally {
      store.visibility().unlockWrite(stamp);
    }
    store.growIfNearlyFull(commits.keySet());
  }

  private Map<Integer, PartitionCommit> split(List<CommitRecord> records, long seq, RecordFilter wanted) {
    Map<Integer, PartitionCommit> commits = new LinkedHashMap<>();
    for (CommitRecord r : records) {
      Map<Integer, List<Mutation>> byPartition = new LinkedHashMap<>();
      for (Mutation m : r.mutations()) {
        if (wanted.test(m.partition(), r.seq())) {
          byPartition.computeIfAbsent(m.partition(), p -> new ArrayList<>()).add(m);
        }
      }
      byPartition.forEach(
          (p, ms) ->
              commits
                  .computeIfAbsent(p, x -> new PartitionCommit(store.partition(x), seq))
                  .add(r.bulk(), ms));
    }
    return commits;
  }

  /** Waits for every partition to fill; collects full maps, returns the first other failure. */
  private static Throwable awaitPrepared(Map<Integer, PartitionCommit> commits, Set<Integer> full) {
    Throwable failure = null;
    for (Map.Entry<Integer, PartitionCommit> e : commits.entrySet()) {
      try {
        e.getValue().prepared.join();
      } catch (CompletionException ce) {
        Throwable cause = ce.getCause();
        if (cause instanceof Env.MapFullException) {
          full.add(e.getKey());
        } else if (failure == null) {
          failure = cause;
        }
      }
    }
    return failure;
  }

  static KvException asKv(Throwable t) {
    if (t instanceof KvException k) {
      return k;
    }
    if (WriteAheadLog.isNoSpace(t)) {
      return new StoreFullException("the disk is full: " + t.getMessage(), t);
    }
    if (String.valueOf(t.getMessage()).contains("EIO")) {
      // LMDB reports a short page write (what a full disk causes) as EIO.
      return new StoreFullException(
          "LMDB could not write its pages (EIO: a short write; the disk is full or failing)", t);
    }
    return new KvException("commit failed: " + t, t);
  }

  /** Which mutations of a record to apply to a partition. */
  interface RecordFilter {
    boolean test(int partition, long seq);

    RecordFilter ALL = (p, s) -> true;
  }
}
