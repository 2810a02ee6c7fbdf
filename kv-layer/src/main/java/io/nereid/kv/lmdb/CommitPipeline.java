package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.Durability;
import io.nereid.kv.KvException;
import io.nereid.kv.WriteConflictException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.BufferUtil;

/**
 * Group commit: one leader, both roles.
 *
 * <ol>
 *   <li><b>Sequence</b> (one short lock): a committer checks conflicts, takes the next sequence
 *       number and queues its record, so queue order is sequence order.
 *   <li><b>Lead</b>: a committer that finds no leader becomes one. It waits a moment for the last
 *       round's committers to queue again ({@link #gather}), takes everything queued as one batch,
 *       writes its log frames with one gathering write, fills the LMDB transaction(s) and commits.
 *       A round commits <i>while</i> the log is being forced (on the {@link LogSyncer} thread;
 *       a round with a one-partition bulk batch, which checkpoints, after the force).
 *       Each round is published (visible to snapshots) only once its log is forced, and its
 *       committers are woken then. The leader goes on leading while commits keep coming (up to
 *       {@link #MAX_LEAD_ROUNDS} rounds), then hands over to a queued committer.
 * </ol>
 *
 * Log order = queue order = sequence order = apply order (checked on every round). Exclusive work
 * (forcing the log for ASYNC commits, checkpoints, close) takes the roles between rounds.
 */
final class CommitPipeline {

  private static final long MAX_BATCH_BYTES = 32 << 20;
  /** A frame buffer larger than this is released after its batch. */
  private static final int KEEP_FRAME_BYTES = 4 << 20;
  private static final int PRUNE_EVERY = 4096;
  /** Committers each completed or woken committer wakes. */
  private static final int WAKE_FAN_OUT = 2;
  /**
   * Whether a leader forces the log while a round commits, rather than before
   * (off only to measure the difference).
   */
  private static final boolean FORCE_WHILE_COMMITTING =
      !Boolean.getBoolean("nereid.kv.forceLogFirst");
  /** Rounds a leader runs before it hands the roles on (and returns to its caller). */
  private static final int MAX_LEAD_ROUNDS = 16;
  /** How long a leader waits at most for the last batch's committers to queue again. */
  private static final long GATHER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
  /** A safety net only: every wait is ended by an unpark. */
  private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final LmdbKvStore store;
  private final WriteAheadLog log;
  private final BatchApplier applier;
  private final ConflictTracker conflicts = new ConflictTracker();
  private final LogSyncer syncer;

  // Sequencing, guarded by `sequencer`.
  private final Object sequencer = new Object();
  private final ArrayDeque<QueuedCommit> queue = new ArrayDeque<>();
  /**
   * The queue's size, written under the sequencer lock, read without it: a committer deciding
   * whether to lead and a gathering leader need not contend for the lock committers sequence
   * under (16 threads on 2 cores: a contended monitor parks).
   */
  private volatile int queuedCount;
  private long lastSeq;
  private long sinceLastPrune;

  // Roles, guarded by `roles`.
  private final ReentrantLock roles = new ReentrantLock();
  private boolean logging;
  private final ArrayDeque<Thread> exclusiveWaiters = new ArrayDeque<>();

  /** The log has passed the checkpoint size: the flusher (or, at twice it, a leader) checkpoints. */
  private volatile boolean checkpointDue;

  /** The last sequence number applied by this pipeline: used by the apply-role holder only. */
  private long appliedThrough;

  /** Frames of the batch being logged: used by the log-role holder only. */
  private ByteBuffer frames;

  CommitPipeline(LmdbKvStore store, WriteAheadLog log, long lastSeq) {
    this.store = store;
    this.log = log;
    this.applier = new BatchApplier(store);
    this.syncer = new LogSyncer(log, "nereid-log-syncer");
    this.lastSeq = lastSeq;
    this.appliedThrough = lastSeq;
  }

  /** Runs {@code action} under the sequencer lock: begins a transaction at a stable sequence. */
  <T> T sequenced(java.util.function.Supplier<T> action) {
    synchronized (sequencer) {
      return action.get();
    }
  }

  /** Commits a transaction's mutations, after checking them for conflicts. */
  long commit(List<Mutation> mutations, long startSeq, Durability durability) {
    return await(sequence(mutations, startSeq, durability == Durability.SYNC));
  }

  /** Commits a bulk batch (durably; no conflict checks). */
  long commitBulk(BulkEntries entries) {
    QueuedCommit pending;
    synchronized (sequencer) {
      pending = new QueuedCommit(CommitRecord.ofBulk(++lastSeq, entries), true);
      queue.add(pending);
      queuedCount = queue.size();
    }
    wakeGatherer();
    return await(pending);
  }

  /**
   * Checks conflicts and queues the record under its sequence number, in one step under the
   * sequencer lock so that queue order is sequence order.
   */
  private QueuedCommit sequence(List<Mutation> mutations, long startSeq, boolean sync) {
    Mutation clash;
    long winner = 0;
    QueuedCommit pending = null;
    synchronized (sequencer) {
      clash = conflicts.firstConflict(mutations, startSeq);
      if (clash == null) {
        long seq = ++lastSeq;
        conflicts.record(mutations, seq);
        if (++sinceLastPrune >= PRUNE_EVERY) {
          sinceLastPrune = 0;
          conflicts.prune(store.pruneHorizon());
        }
        pending = new QueuedCommit(new CommitRecord(seq, false, mutations), sync);
        queue.add(pending);
        queuedCount = queue.size();
      } else {
        winner = conflicts.lastWrite(clash);
      }
    }
    if (pending != null) {
      wakeGatherer();
      return pending;
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

  /** Waits until {@code me} is applied (or failed), taking whichever role is free meanwhile. */
  private long await(QueuedCommit me) {
    // Interrupts are kept for the caller: a committer may be the one writing the log, and an
    // interrupted FileChannel operation closes the channel.
    boolean interrupted = Thread.interrupted();
    try {
      interrupted |= awaitDone(me);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (me.failure != null) {
      throw me.failure;
    }
    return me.record.seq();
  }

  /** Returns whether an interrupt was consumed meanwhile. */
  private boolean awaitDone(QueuedCommit me) {
    boolean interrupted = false;
    while (!me.done) {
      boolean lead = false;
      roles.lock();
      try {
        if (me.done) {
          break;
        }
        if (!logging && exclusiveWaiters.isEmpty() && queued()) {
          logging = true;
          lead = true;
        }
      } finally {
        roles.unlock();
      }
      if (lead) {
        interrupted |= lead();
      } else {
        interrupted |= park();
      }
    }
    me.batch.wake(WAKE_FAN_OUT); // pass the wake-up on
    return interrupted;
  }

  /** Parks until unparked (or the safety-net timeout); returns and clears the interrupt flag. */
  private boolean park() {
    LockSupport.parkNanos(this, PARK_NANOS);
    return Thread.interrupted();
  }

  private boolean queued() {
    return queuedCount > 0;
  }

  // ---- leading: both roles, round after round ----

  /** Committers of the last batch other than its leader: about how many will queue again. */
  private int lastOthers;
  /** The commits a gathering leader waits for (0: none is), and that leader. */
  private volatile int gatherTarget;
  private volatile Thread gatherer;

  /**
   * Holding both roles (nothing logged, nothing applying): logs and applies batch after batch
   * while commits keep coming, up to {@link #MAX_LEAD_ROUNDS}, then releases both and wakes the
   * next leader. A leader whose own commit is done thus goes on serving the others, which saves a
   * hand-off per round (a wake-up and a context switch: dear with 16 threads on 2 cores).
   */
  private boolean lead() {
    Thread me = Thread.currentThread();
    boolean interrupted = false;
    try {
      for (int rounds = 0; rounds < MAX_LEAD_ROUNDS; rounds++) {
        interrupted |= gather(rounds == 0 ? lastOthers + 1 : lastOthers);
        CommitBatch batch = drain();
        if (batch == null) {
          return interrupted;
        }
        int others = 0;
        for (QueuedCommit p : batch.pendings) {
          if (p.thread != me) {
            others++;
          }
        }
        lastOthers = others;
        leadOne(batch);
        if (hasExclusiveWaiter()) {
          return interrupted;
        }
      }
      return interrupted;
    } finally {
      releaseLog();
    }
  }

  private boolean hasExclusiveWaiter() {
    roles.lock();
    try {
      return !exclusiveWaiters.isEmpty();
    } finally {
      roles.unlock();
    }
  }

  /**
   * Waits (parked: the committers need the CPU) until about {@code expected} commits are queued,
   * at most {@link #GATHER_NANOS}; the committer whose commit completes the count wakes it. The
   * committers of the last round were woken only when it ended, and with two cores they queue
   * again one after the other: a leader that drained at once would log a batch of one or two and
   * leave the rest to wait a whole round. One writer never waits here: its leader expects no one
   * else. Returns whether it consumed an interrupt (kept for the caller, see {@link #await}).
   */
  private boolean gather(int expected) {
    if (queuedCount >= expected) {
      return false;
    }
    boolean interrupted = false;
    long deadline = System.nanoTime() + GATHER_NANOS;
    gatherer = Thread.currentThread();
    gatherTarget = expected;
    try {
      while (queuedCount < expected) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        LockSupport.parkNanos(this, left); // until the last expected commit queues
        interrupted |= Thread.interrupted(); // or parkNanos returns at once from now on
      }
    } finally {
      gatherTarget = 0;
    }
    return interrupted;
  }

  /** Wakes a gathering leader once the queue holds what it waits for (after queueing). */
  private void wakeGatherer() {
    int target = gatherTarget;
    if (target > 0 && queuedCount >= target) {
      gatherTarget = 0;
      LockSupport.unpark(gatherer);
    }
  }

  /** Holding both roles, nothing logged or applying: logs and applies one batch. */
  private void leadOne(CommitBatch batch) {
    KvException stopped = store.stoppedReason();
    if (stopped != null) {
      complete(batch, stopped);
      return;
    }
    try {
      if (log.segmentBytes() >= 2 * store.config().checkpointLogBytes()) {
        checkpointLocked(); // the flusher has fallen behind
      }
    } catch (Throwable e) {
      complete(batch, store.fail(e));
      return;
    }
    BatchApplier.Round round = null;
    try {
      store.diskSpace().check(batch.logBytes, batch.dataBytes, batch.partitionsBound);
      round = applier.plan(batch.records, BatchApplier.RecordFilter.ALL, true);
      applier.start(round); // fills overlap the log write
    } catch (Throwable e) {
      if (round != null) {
        applier.abort(round);
      }
      complete(batch, BatchApplier.asKv(e)); // nothing logged: the batch simply fails
      return;
    }
    // A round commits while its log records are forced: see BatchApplier.finish.
    boolean concurrent = FORCE_WHILE_COMMITTING && batch.sync && round.commitsWithLogForce();
    if (!writeLog(batch, !concurrent)) {
      applier.abort(round);
      return;
    }
    if (!concurrent) {
      applyBatch(batch, round, null);
      return;
    }
    // Started before the filling, so that the syncer thread's wake-up overlaps it.
    syncer.start();
    try {
      applyBatch(batch, round, syncer);
    } finally {
      syncer.await(); // (again) if the round failed before its commit: the log must be left alone
    }
  }

  // ---- the log ----

  /**
   * Writes (and, if any commit of it is SYNC, forces) the batch's frames. On failure completes the
   * batch: a failed append leaves nothing behind, so the batch simply fails; a failed force leaves
   * it in the log, to be applied on reopen, so the store stops.
   */
  /** {@code force}: false when the caller forces the log itself, while the partition commits. */
  private boolean writeLog(CommitBatch batch, boolean force) {
    boolean appended = false;
    try {
      long scratch = WalCodec.scratchBytes(batch.records);
      if (frames == null || frames.capacity() < scratch) {
        freeFrames();
        frames = ByteBuffer.allocateDirect((int) Math.max(scratch, 1 << 20));
      }
      log.append(WalCodec.encode(batch.records, frames));
      appended = true;
      if (batch.sync && force) {
        log.force();
        store.countWalSync();
      }
      return true;
    } catch (Throwable t) {
      // Logged, or left in the log unrepaired: the store stops (reopening redoes what the log
      // holds); else nothing of the batch is anywhere and it simply fails.
      complete(batch, appended || log.damaged() != null ? store.fail(t) : BatchApplier.asKv(t));
      return false;
    } finally {
      if (frames != null && frames.capacity() > KEEP_FRAME_BYTES) {
        freeFrames();
      }
    }
  }

  private void freeFrames() {
    if (frames != null) {
      BufferUtil.free(frames);
      frames = null;
    }
  }

  /** Takes every queued record (up to a size bound) as one batch, or null. */
  private CommitBatch drain() {
    synchronized (sequencer) {
      if (queue.isEmpty()) {
        return null;
      }
      List<QueuedCommit> pendings = new ArrayList<>(queue.size());
      long bytes = 0;
      while (!queue.isEmpty() && (pendings.isEmpty() || bytes < MAX_BATCH_BYTES)) {
        QueuedCommit p = queue.poll();
        bytes += p.record.dataBytes();
        pendings.add(p);
      }
      queuedCount = queue.size();
      return new CommitBatch(pendings, store.partitionCount());
    }
  }

  /** Releases the log role and wakes whoever should take it next. */
  private void releaseLog() {
    roles.lock();
    try {
      releaseLogLocked();
    } finally {
      roles.unlock();
    }
  }

  private void releaseLogLocked() {
    logging = false;
    Thread next = exclusiveWaiters.peekFirst();
    if (next != null) {
      LockSupport.unpark(next);
    } else {
      wakeQueuedLocked();
    }
  }

  /** Wakes a queued committer other than this one (which goes on to apply before it looks). */
  private void wakeQueuedLocked() {
    Thread me = Thread.currentThread();
    synchronized (sequencer) {
      for (QueuedCommit p : queue) {
        if (p.thread != me) {
          LockSupport.unpark(p.thread);
          return;
        }
      }
    }
  }

  // ---- applying ----

  /**
   * Applies a logged batch as its round (already planned and started) and completes its commits.
   * Never throws: once logged, a batch that cannot be applied stops the store (reopening applies
   * it from the log). {@code logForce}, if not null, is forcing the log (written, not yet forced)
   * while the partition commits.
   */
  private void applyBatch(CommitBatch batch, BatchApplier.Round round, LogSyncer logForce) {
    KvException failure = store.failure();
    if (failure == null) {
      try {
        checkOrder(batch);
        applier.finish(round, logForce);
        if (logForce != null) {
          store.countWalSync();
        }
      } catch (Throwable t) {
        failure = store.fail(t);
        applier.abort(round); // whatever is still open (finish aborts on its own failures)
      }
    }
    complete(batch, failure);
    if (failure == null) {
      store.countCommits(batch.pendings.size());
      if (log.segmentBytes() >= store.config().checkpointLogBytes()) {
        checkpointDue = true;
      }
    }
  }

  /** Apply order must be sequence order; anything else is a bug that would lose updates. */
  private void checkOrder(CommitBatch batch) {
    for (CommitRecord r : batch.records) {
      if (r.seq() <= appliedThrough) {
        throw new IllegalStateException(
            "commit " + r.seq() + " applied after commit " + appliedThrough + ": out of order");
      }
      appliedThrough = r.seq();
    }
  }


  /**
   * Completes a batch's commits and wakes two of their committers; each committer that wakes
   * wakes two more (see {@link #awaitDone}), so the applier, whose next round waits, makes two
   * wake-ups instead of one per commit (each costs a system call, and on a busy machine often the
   * CPU to the woken thread).
   */
  private static void complete(CommitBatch batch, KvException failure) {
    for (QueuedCommit p : batch.pendings) {
      p.failure = failure;
      p.done = true;
    }
    batch.wake(WAKE_FAN_OUT);
  }

  // ---- exclusive work: flush, checkpoint, close ----

  /**
   * Runs {@code action} holding the roles, between rounds: every logged batch is applied (the
   * leader lets go of the roles only between rounds).
   */
  void exclusive(Runnable action) {
    Thread me = Thread.currentThread();
    boolean interrupted = Thread.interrupted(); // restored at the end: see await
    roles.lock();
    exclusiveWaiters.addLast(me);
    try {
      while (logging || exclusiveWaiters.peekFirst() != me) {
        roles.unlock();
        try {
          interrupted |= park();
        } finally {
          roles.lock();
        }
      }
      logging = true;
    } finally {
      exclusiveWaiters.remove(me);
      roles.unlock();
    }
    try {
      action.run();
    } finally {
      releaseLog();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
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

  /** Checkpoints if the log has grown past its size (the background flusher's job). */
  void checkpointIfDue() {
    if (checkpointDue) {
      exclusive(
          () -> {
            if (checkpointDue) {
              checkpointLocked();
            }
          });
    }
  }

  void checkpoint() {
    exclusive(this::checkpointLocked);
  }

  /**
   * Checkpoints the partitions (not the log) once a data file has grown past its bound since its
   * last checkpoint: its pages written since cannot be reused before (the background flusher's
   * job). The files are forced first without holding anything, so that commits stop only for
   * what was written in between.
   */
  void checkpointPartitionsIfOutgrown() {
    if (!store.partitionsOutgrewCheckpoint()) {
      return;
    }
    store.flushPartitionsAhead();
    exclusive(
        () -> {
          if (log.isDirty()) {
            log.force(); // commits made ASYNC: a checkpoint may hold only what the log holds
            store.countWalSync();
          }
          store.checkpointPartitions();
        });
  }

  /**
   * With the log role held and every logged batch applied: start a new segment, force every
   * partition, then drop the older segments.
   */
  private void checkpointLocked() {
    checkpointDue = false;
    long next;
    synchronized (sequencer) {
      next = lastSeq + 1;
    }
    log.startSegment(next); // forces the log: every commit in the partitions is in it
    store.checkpointPartitions();
    log.deleteOlderSegments();
    store.countCheckpoint();
  }

  /** Stops the log-forcing thread: at close, holding the log role, before the log closes. */
  void close() {
    syncer.close();
  }
}
