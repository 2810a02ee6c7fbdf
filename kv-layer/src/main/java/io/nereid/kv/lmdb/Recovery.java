package io.nereid.kv.lmdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the partitions up to date after a crash. Each partition knows the last sequence number it
 * applied (recorded in the same LMDB transaction as the data); every logged record beyond that is
 * applied again, partition by partition. A record torn by the crash was never acknowledged and is
 * dropped whole by the log reader.
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

  private void offer(CommitRecord r) {
    lastSeq = Math.max(lastSeq, r.seq());
    for (Mutation m : r.mutations()) {
      if (r.seq() > applied[m.partition()]) {
        pending.add(r);
        pendingBytes += r.encodedSize();
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
      applier.apply(pending, null, (partition, seq) -> seq > applied[partition]);
      pending.clear();
      pendingBytes = 0;
    }
  }
}
