package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.lmdbjava.Env;

/**
 * Applies a batch of commits to the partitions: every touched partition fills one LMDB write
 * transaction, then all commit together inside the store's visibility barrier, so that no snapshot
 * sees some partitions of a commit without the others. Partitions fill on their writer threads, in
 * parallel (and, when {@linkplain #start started} before the log write, while the log is being
 * written); a small batch is filled and committed inline by the calling thread instead, one
 * partition after the other. A full map aborts the whole batch, grows, and retries.
 */
final class BatchApplier {

  private static final int MAX_GROWTH_RETRIES = 8;
  /**
   * A round that is started before its log write is applied inline (after the write, while the
   * log is forced) if its changes, over all its partitions, are smaller than this; a larger one
   * fills on the writer threads meanwhile, in parallel.
   */
  private static final long INLINE_BYTES = 256 << 10;
  /**
   * A round of more partitions than this fills on the writer threads however small it is: one
   * after the other on one thread, their LMDB commits hold the visibility barrier (and so every
   * snapshot, and every transaction that begins) for longer than in parallel (16 writers of
   * 3-partition transactions made a half to a third of the commits/s filling 8 partitions inline).
   */
  private static final int INLINE_PARTITIONS = 4;

  private final LmdbKvStore store;

  BatchApplier(LmdbKvStore store) {
    this.store = store;
  }

  /** The LMDB side of one batch: a write transaction per touched partition. */
  final class Round {
    private final List<CommitRecord> records;
    private final RecordFilter wanted;
    private final long seq;
    private final boolean inline;
    private PartitionCommit[] commits;
    private int[] touched;
    private boolean started;
    /** A part is a header-only bulk batch: its partition is checkpointed at commit. */
    private boolean checkpointsAtCommit;

    private Round(List<CommitRecord> records, RecordFilter wanted, boolean beforeLogWrite) {
      this.records = records;
      this.wanted = wanted;
      this.seq = records.get(records.size() - 1).seq();
      split();
      this.inline = fitsInline(beforeLogWrite);
    }

    /** Whether the calling thread fills and commits the round (see INLINE_BYTES). */
    private boolean fitsInline(boolean beforeLogWrite) {
      long bytes = 0;
      for (int p : touched) {
        if (commits[p].leadingPrefill() != null) {
          return false; // filled ahead in a transaction of the writer thread: only it can adopt it
        }
        bytes += commits[p].bytes();
      }
      return touched.length == 1
          ? !beforeLogWrite || bytes < INLINE_BYTES
          : touched.length <= INLINE_PARTITIONS && bytes < INLINE_BYTES;
    }

    private void split() {
      PartitionCommit[] byPartition = new PartitionCommit[store.partitionCount()];
      int count = 0;
      for (CommitRecord r : records) {
        if (r.entries() != null) {
          for (BulkEntries.Part part : r.entries().parts()) {
            if (wanted.test(part.partition, r.seq())) {
              PartitionCommit c = byPartition[part.partition];
              if (c == null) {
                c = byPartition[part.partition] = commitFor(part.partition);
                count++;
              }
              c.add(part);
              if (r.headerOnly()) {
                c.forceAfterCommit();
                checkpointsAtCommit = true;
              }
            }
          }
          continue;
        }
        List<Mutation> ms = r.mutations();
        if (ms.isEmpty()) {
          continue; // a header-only record read back from the log: nothing to redo
        }
        int single = singlePartition(ms);
        if (single >= 0) {
          if (wanted.test(single, r.seq())) {
            PartitionCommit c = byPartition[single];
            if (c == null) {
              c = byPartition[single] = commitFor(single);
              count++;
            }
            c.addAll(r, ms, r.dataBytes());
          }
          continue;
        }
        for (Mutation m : ms) {
          int p = m.partition();
          if (wanted.test(p, r.seq())) {
            PartitionCommit c = byPartition[p];
            if (c == null) {
              c = byPartition[p] = commitFor(p);
              count++;
            }
            c.add(r, m);
          }
        }
      }
      commits = byPartition;
      touched = new int[count];
      int i = 0;
      for (int p = 0; p < byPartition.length; p++) {
        if (byPartition[p] != null) {
          touched[i++] = p;
        }
      }
    }

    private PartitionCommit commitFor(int p) {
      return new PartitionCommit(store.partition(p), seq);
    }

    /**
     * Whether the round's LMDB commits may run while its log records are being forced (see {@link
     * #finish(Round, LogSyncer)}): all but a round with a header-only bulk batch, whose partition
     * is checkpointed at its commit, and a checkpoint may hold only what the log holds, forced.
     */
    boolean commitsWithLogForce() {
      return !checkpointsAtCommit;
    }

    /** A new commit of partition {@code p}'s part (the last one failed), to fill on this thread. */
    private PartitionCommit freshCommit(int p) {
      PartitionCommit[] kept = commits;
      int[] keptTouched = touched;
      split();
      PartitionCommit fresh = commits[p];
      commits = kept;
      touched = keptTouched;
      return fresh;
    }

    /** Whether the round writes nothing (every record filtered out). */
    boolean isEmpty() {
      return touched.length == 0;
    }
  }

  private static int singlePartition(List<Mutation> ms) {
    int p = ms.get(0).partition();
    for (int i = 1; i < ms.size(); i++) {
      if (ms.get(i).partition() != p) {
        return -1;
      }
    }
    return p;
  }

  /**
   * Plans the LMDB side of {@code records} (ascending sequence numbers). {@code beforeLogWrite}:
   * the round is started before the log is written (and forced), so that filling on the writer
   * threads overlaps that (a small round is filled inline all the same: handing it to a writer
   * thread per partition costs more than the filling); otherwise a round of one partition is
   * applied inline.
   */
  Round plan(List<CommitRecord> records, RecordFilter wanted, boolean beforeLogWrite) {
    return new Round(records, wanted, beforeLogWrite);
  }

  /**
   * Grows the maps ahead of a large batch if they might not hold it (so that it fails, if it must,
   * before it is logged), then starts filling on the writer threads (an inline round fills in
   * {@link #finish}).
   */
  void start(Round r) {
    store.ensureRoom(r.commits, r.touched);
    submit(r);
  }

  private void submit(Round r) {
    r.started = true;
    if (!r.inline) {
      for (int p : r.touched) {
        store.partition(p).writer.execute(r.commits[p]);
      }
    }
  }

  /** Aborts a started round (the log write failed): nothing of it is applied. */
  void abort(Round r) {
    if (!r.started) {
      return;
    }
    if (r.inline) {
      for (int p : r.touched) {
        r.commits[p].abort();
      }
      return;
    }
    for (int p : r.touched) {
      r.commits[p].decide(false);
    }
    for (int p : r.touched) {
      try {
        r.commits[p].done.join();
      } catch (CompletionException ignored) {
        // aborting: nothing was written
      }
    }
  }

  /**
   * Completes a round: waits for (or does) the filling, then commits every partition inside the
   * visibility barrier and publishes the batch's sequence number. A full map aborts the round,
   * grows and fills again.
   */
  void finish(Round r) {
    finish(r, null);
  }

  /**
   * Like {@link #finish(Round)}, but {@code logForce} (if not null) is forcing the round's log
   * records (written, and the force started, before the filling) while the partitions commit:
   * only for a round that {@linkplain Round#commitsWithLogForce commits that way}. The commits
   * happen inside the visibility barrier, which is held until the force has ended too, and the
   * round is published only after both, so nothing of it is seen before it is durable.
   *
   * <p>A crash meanwhile cannot leave part of the round: a partition's LMDB commits are never
   * durable by themselves ({@code MDB_NOSYNC}); opening a partition puts back its last checkpoint
   * (see {@link PartitionCheckpoint}) and the log redoes what it holds from there. Checkpoints are
   * taken between rounds, after their forces, and a growing one only after the force has ended
   * (see below). So after a crash the round is there whole (its log records reached the disk) or
   * not at all, whichever partitions had committed it; in either case it was not acknowledged.
   */
  void finish(Round r, LogSyncer logForce) {
    if (logForce != null && !r.commitsWithLogForce()) {
      throw new IllegalStateException("a round that checkpoints at its commit must be logged first");
    }
    if (!r.started) {
      submit(r);
    }
    for (int attempt = 0; ; attempt++) {
      List<Integer> full = new ArrayList<>();
      Throwable failure = prepareAll(r, full);
      if (failure == null && full.isEmpty()) {
        full = commitAll(r, logForce);
        if (full.isEmpty()) {
          return;
        }
        logForce = null; // awaited by that attempt
      }
      abort(r);
      if (logForce != null) {
        Throwable forced = logForce.await(); // growing checkpoints: never while the log is forced
        logForce = null;
        if (forced != null && failure == null) {
          failure = forced;
        }
      }
      if (failure != null) {
        throw asKv(failure);
      }
      if (attempt >= MAX_GROWTH_RETRIES) {
        throw new StoreFullException("the map could not grow enough for one batch", null);
      }
      if (attempt > 0 || !store.checkpointInsteadOfGrowing(full)) {
        store.growMaps(full);
      }
      r.split(); // fresh transactions
      submit(r);
    }
  }

  /** Replays records (recovery): plan, fill and commit. */
  void apply(List<CommitRecord> records, RecordFilter wanted) {
    Round r = plan(records, wanted, false);
    if (r.isEmpty()) {
      store.advanceApplied(r.seq);
      return;
    }
    start(r);
    finish(r);
  }

  /** Fills inline, or waits for the writers; collects full maps, returns the first other failure. */
  private static Throwable prepareAll(Round r, List<Integer> full) {
    Throwable failure = null;
    for (int p : r.touched) {
      PartitionCommit c = r.commits[p];
      Throwable t = null;
      if (r.inline) {
        try {
          c.prepare();
        } catch (Throwable e) {
          t = e;
        }
      } else {
        try {
          c.prepared.join();
        } catch (CompletionException ce) {
          t = ce.getCause();
        }
      }
      if (t instanceof Env.MapFullException) {
        full.add(p);
      } else if (t != null && failure == null) {
        failure = t;
      }
    }
    return failure;
  }

  /**
   * Commits every partition of the round and publishes it. Returns the partitions to grow when
   * LMDB ran out of map in its own commit (writing its free-page list, which no estimate of the
   * round's size foresees) and no partition of the round committed: then nothing of it is visible
   * and the round is simply filled again after growing. Any other failure, or a full map after
   * some partitions committed, leaves the store failed until the log completes the round on
   * reopening.
   */
  private List<Integer> commitAll(Round r, LogSyncer logForce) {
    List<Integer> fullAtCommit = new ArrayList<>();
    int committed = 0;
    long stamp = store.visibility().writeLock();
    try {
      Throwable failure = null;
      if (r.inline) {
        for (int p : r.touched) {
          try {
            r.commits[p].commit();
            committed++;
          } catch (Throwable t) {
            failure = t;
            if (t instanceof Env.MapFullException) {
              fullAtCommit.add(p);
            }
          }
        }
      } else {
        for (int p : r.touched) {
          r.commits[p].decide(true);
        }
        for (int p : r.touched) {
          try {
            r.commits[p].done.join();
            committed++;
          } catch (CompletionException e) {
            failure = e.getCause();
            if (failure instanceof Env.MapFullException) {
              fullAtCommit.add(p);
            }
          }
        }
      }
      if (logForce != null) {
        // Always, and before any growth (which checkpoints): the log is not to be touched
        // meanwhile, and a partition may checkpoint only what the log holds, forced.
        Throwable forced = logForce.await();
        if (forced != null) {
          // Not published: the log may or may not hold the round, so the store stops, and
          // reopening it keeps the round whole or drops it (see finish).
          throw store.fail(forced);
        }
      }
      if (failure != null && committed == 0 && fullAtCommit.size() == r.touched.length) {
        return fullAtCommit; // nothing committed: grow and fill again (see finish)
      }
      if (failure != null && committed + fullAtCommit.size() == r.touched.length) {
        // Only full maps, and other partitions committed: nobody has seen them (the barrier is
        // held), so grow the full ones and fill and commit their parts again, still inside it.
        failure = commitAgainAfterGrowing(r, fullAtCommit);
      }
      if (failure != null) {
        // Some partitions committed, some did not: the log holds the batch (or, for a header-only
        // bulk record, its partition did not commit), so reopening the store completes it. Until
        // then the store refuses work rather than show a partial commit.
        throw store.fail(failure);
      }
      store.advanceApplied(r.seq);
    } finally {
      store.visibility().unlockWrite(stamp);
    }
    store.growIfNearlyFullAfterPublishing(r.touched, r.commits);
    return List.of();
  }

  /**
   * Inside the barrier, after some partitions of a round committed and {@code full} ran out of
   * map in LMDB's commit (nothing of theirs committed): grows those maps and fills and commits
   * their parts again, on this thread. Returns null, or the failure that stops the store.
   */
  private Throwable commitAgainAfterGrowing(Round r, List<Integer> full) {
    for (int p : full) {
      Throwable last = null;
      for (int attempt = 0; attempt < MAX_GROWTH_RETRIES; attempt++) {
        try {
          store.growMapsHoldingBarrier(List.of(p));
          PartitionCommit again = r.freshCommit(p);
          again.prepare();
          again.commit();
          last = null;
          break;
        } catch (Env.MapFullException e) {
          last = e; // grow more
        } catch (Throwable t) {
          return t;
        }
      }
      if (last != null) {
        return new StoreFullException("the map could not grow enough for one batch", last);
      }
    }
    return null;
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
