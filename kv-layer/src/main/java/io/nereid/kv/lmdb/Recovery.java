package io.nereid.kv.lmdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the partitions up to date after a crash. Each partition knows the last sequence number it
 * applied (recorded in the same LMDB transaction as the data); every logged record beyond that is
 * applied again, partition by partition. A record torn by the crash was never acknowledged and is
 * dropped whole by the log reader.
 *
 * <p>A header-only record (a bulk batch of one partition) has nothing to redo: it was acknowledged
 * only after its partition was forced to disk with an applied sequence at or beyond it, so if the
 * partition is behind it, the batch was never acknowledged (nor seen by any snapshot) and is
 * dropped whole: it was one LMDB transaction, so none of it is there.
 */
final class Recovery {

  private static final long REPLAY_BATCH_BYTES = 32L << 20;

  /** The recovered log, open for appends, and the last sequence number in the store. */
  record Result(WriteAheadLog log, long lastSeq) {}

  private final LmdbKvStore store;
  private final BatchApplier applier;
  private final long[] applied;
  private final List<CommitRecord> pending = new ArrayList<>();
  private long pendingBytes;
  private long lastSeq;
  private long replayed;
  private long dropped;

  Recovery(LmdbKvStore store) {
    this.store = store;
    this.applier = new BatchApplier(store);
    this.applied = new long[store.partitionCount()];
    for (int p = 0; p < applied.length; p++) {
      applied[p] = store.partition(p).appliedSeq();
      lastSeq = Math.max(lastSeq, applied[p]);
    }
  }

  Result run(Path walDir) {
    store.advanceApplied(lastSeq);
    WriteAheadLog log = WriteAheadLog.recover(walDir, this::offer);
    flush();
    return new Result(log, lastSeq);
  }

  /** Records replayed into at least one partition, for tests and logs. */
  long replayed() {
    return replayed;
  }

  /** Header-only records whose partition never applied them: unacknowledged, dropped. */
  long dropped() {
    return dropped;
  }

  private void offer(CommitRecord r) {
    lastSeq = Math.max(lastSeq, r.seq()); // sequence numbers are never reused
    if (r.headerOnly()) {
      if (r.seq() > applied[r.headerPartition()]) {
        dropped++;
      }
      return;
    }
    for (Mutation m : r.mutations()) {
      if (r.seq() > applied[m.partition()]) {
        pending.add(r);
        pendingBytes += r.dataBytes();
        replayed++;
        if (pendingBytes >= REPLAY_BATCH_BYTES) {
          flush();
        }
        return;
      }
    }
  }

  private void flush() {
    if (!pending.isEmpty()) {
      applier.apply(pending, (partition, seq) -> seq > applied[partition]);
      pending.clear();
      pendingBytes = 0;
    }
  }
}
