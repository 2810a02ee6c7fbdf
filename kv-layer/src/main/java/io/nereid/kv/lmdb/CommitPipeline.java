package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.Durability;
import io.nereid.kv.KvException;
import io.nereid.kv.WriteConflictException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit. A committer checks conflicts, takes the next sequence number and queues its record
 * (all under one short lock, so queue order is sequence order). Then, if no one leads, it becomes
 * the leader: it takes every queued record, writes them to the log in one append with one fsync,
 * applies them to the partitions as one batch, and wakes all waiters at once. Committers that queued
 * meanwhile wait; when the leader is done, one whose record is still queued leads the next batch.
 * So concurrent committers share one fsync and no waiter has to pass a lock along to the next.
 */
final class CommitPipeline {

  private static final int MAX_BATCH_BYTES = 32 << 20;
  private static final int PRUNE_EVERY = 4096;

  private final LmdbKvStore store;
  private final WriteAheadLog log;
  private final BatchApplier applier;
  private final ConflictTracker conflicts = new ConflictTracker();
  private final Object sequencer = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final ReentrantLock monitor = new ReentrantLock();
  private final Condition batchDone = monitor.newCondition();
  private boolean leading;
  private long lastSeq;
  private long sinceLastPrune;
  private ByteBuffer frames = ByteBuffer.allocateDirect(1 << 20);

  CommitPipeline(LmdbKvStore store, WriteAheadLog log, long lastSeq) {
    this.store = store;
    this.log = log;
    this.applier = new BatchApplier(store);
    this.lastSeq = lastSeq;
  }

  /** Runs {@code action} under the sequencer lock: begins a transaction at a stable sequence. */
  <T> T sequenced(java.util.function.Supplier<T> action) {
    synchronized (sequencer) {
      return action.get();
    }
  }

  /** Commits a transaction's mutations; {@code startSeq} < 0 skips conflict detection (bulk). */
  long commit(List<Mutation> mutations, long startSeq, Durability durability, boolean bulk) {
    Pending pending = sequence(mutations, startSeq, durability == Durability.SYNC, bulk);
    monitor.lock();
    try {
      while (!pending.done) {
        if (leading) {
          batchDone.awaitUninterruptibly();
        } else {
          leadOnce(this::lead);
        }
      }
    } finally {
      monitor.unlock();
    }
    if (pending.failure != null) {
      throw pending.failure;
    }
    return pending.record.seq();
  }

  /**
   * Checks conflicts and queues the record under its sequence number, in one step under the
   * sequencer lock so that queue order is sequence order.
   */
  private Pending sequence(List<Mutation> mutations, long startSeq, boolean sync, boolean bulk) {
    Mutation clash;
    long winner;
    synchronized (sequencer) {
      clash = bulk ? null : conflicts.firstConflict(mutations, startSeq);
      if (clash == null) {
        long seq = ++lastSeq;
        if (!bulk) {
          conflicts.record(mutations, seq);
          if (++sinceLastPrune >= PRUNE_EVERY) {
            sinceLastPrune = 0;
            conflicts.prune(store.pruneHorizon());
          }
        }
        Pending pending = new Pending(new CommitRecord(seq, bulk, mutations), sync);
        queue.add(pending);
        return pending;
      }
      winner = conflicts.lastWrite(clash);
    }
    store.countConflict();
    // Wait until the winning commit is visible, so that a retry begun now reads it instead of
    // losing the same race again to a commit that is sequenced but not yet applied.
    store.awaitApplied(winner);
    throw new WriteConflictException(
        "write conflict on key "
            + ByteKeys.toHex(clash.key())
            + " in partition "
            + clash.partition()
            + ", key space "
            + store.keySpaces().get(clash.space())
            + ": commit "
            + winner
            + ", made after this transaction began, wrote it; retry the transaction");
  }

  /** With the monitor held and no leader: run {@code work} as the leader, without the monitor. */
  private void leadOnce(Runnable work) {
    leading = true;
    monitor.unlock();
    try {
      work.run();
    } finally {
      monitor.lock();
      leading = false;
      batchDone.signalAll();
    }
  }

  /** Runs {@code action} as the leader: while no batch is being logged or applied. */
  void exclusive(Runnable action) {
    monitor.lock();
    try {
      while (leading) {
        batchDone.awaitUninterruptibly();
      }
      leadOnce(action);
    } finally {
      monitor.unlock();
    }
  }

  /** As the leader: log and apply what is queued, as one batch. */
  private void lead() {
    List<Pending> batch = drain();
    List<CommitRecord> records = new ArrayList<>(batch.size());
    boolean sync = false;
    int bytes = 0;
    for (Pending p : batch) {
      records.add(p.record);
      sync |= p.sync;
      bytes += WalCodec.frameSize(p.record);
    }
    ByteBuffer out = frameBuffer(bytes);
    for (CommitRecord r : records) {
      WalCodec.writeFrame(out, r);
    }
    out.flip();
    try {
      store.diskSpace().check(records, bytes);
    } catch (KvException e) {
      for (Pending p : batch) {
        p.failure = e;
        p.done = true;
      }
      return;
    }
    boolean forceNow = sync;
    KvException failure = null;
    boolean[] logged = {false};
    try {
      applier.apply(
          records,
          () -> {
            log.append(out); // a failed append leaves nothing behind: the batch simply fails
            logged[0] = true;
            if (forceNow) {
              log.force();
              store.countWalSync();
            }
          },
          BatchApplier.RecordFilter.ALL);
    } catch (KvException e) {
      // Once logged, a batch will be applied when the store is reopened, whatever failed after;
      // the store stops taking work rather than report an outcome it cannot guarantee.
      failure = logged[0] ? store.fail(e) : e;
    }
    for (Pending p : batch) {
      p.failure = failure;
      p.done = true;
    }
    if (failure == null) {
      store.countCommits(batch.size());
      if (log.segmentBytes() >= store.config().checkpointLogBytes()) {
        checkpointLocked();
      }
    }
  }

  private List<Pending> drain() {
    synchronized (sequencer) {
      List<Pending> batch = new ArrayList<>(queue.size());
      long bytes = 0;
      while (!queue.isEmpty() && (batch.isEmpty() || bytes < MAX_BATCH_BYTES)) {
        Pending p = queue.poll();
        bytes += WalCodec.frameSize(p.record);
        batch.add(p);
      }
      return batch;
    }
  }

  private ByteBuffer frameBuffer(int bytes) {
    if (frames.capacity() < bytes) {
      frames = ByteBuffer.allocateDirect(Math.max(bytes, frames.capacity() * 2));
    }
    frames.clear();
    return frames;
  }

  /** Forces the log if an asynchronous commit left it dirty (the background flusher's job). */
  void flushIfDirty() {
    if (log.isDirty()) {
      exclusive(
          () -> {
            if (log.isDirty()) {
              log.force();
              store.countWalSync();
            }
          });
    }
  }

  void checkpoint() {
    exclusive(this::checkpointLocked);
  }

  /**
   * Everything logged so far is applied (the leader applies before it returns), so: start a new
   * segment, force every partition, then drop the older segments.
   */
  private void checkpointLocked() {
    long next;
    synchronized (sequencer) {
      next = lastSeq + 1;
    }
    log.startSegment(next);
    store.syncPartitions();
    log.deleteOlderSegments();
    store.countCheckpoint();
  }

  private static final class Pending {
    final CommitRecord record;
    final boolean sync;
    volatile boolean done;
    volatile KvException failure;

    Pending(CommitRecord record, boolean sync) {
      this.record = record;
      this.sync = sync;
    }
  }
}
