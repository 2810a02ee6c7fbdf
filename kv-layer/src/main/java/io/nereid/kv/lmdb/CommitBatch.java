package io.nereid.kv.lmdb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Commits drained from the {@link CommitPipeline}'s queue together: logged and applied as one. */
final class CommitBatch {
  /** Committers woken so far (or being woken): the next to wake is at this index. */
  private final AtomicInteger woken = new AtomicInteger();
  final List<QueuedCommit> pendings;
  final List<CommitRecord> records;
  final boolean sync;
  final long logBytes;
  final long dataBytes;
  /** At most this many partitions are touched. */
  final int partitionsBound;

  CommitBatch(List<QueuedCommit> pendings, int partitions) {
    this.pendings = pendings;
    for (QueuedCommit p : pendings) {
      p.batch = this;
    }
    this.records = new ArrayList<>(pendings.size());
    boolean anySync = false;
    long log = 0;
    long data = 0;
    long parts = 0;
    for (QueuedCommit p : pendings) {
      CommitRecord r = p.record;
      records.add(r);
      anySync |= p.sync;
      log += r.frameSize();
      data += r.dataBytes();
      parts += r.entries() != null ? r.entries().partitionsTouched() : r.mutations().size();
    }
    this.sync = anySync;
    this.logBytes = log;
    this.dataBytes = data;
    this.partitionsBound = (int) Math.min(partitions, parts);
  }

  /** Wakes up to {@code n} committers of this (completed) batch not yet woken, but not this one. */
  void wake(int n) {
    Thread me = Thread.currentThread();
    for (int k = 0; k < n; ) {
      int i = woken.getAndIncrement();
      if (i >= pendings.size()) {
        return;
      }
      Thread t = pendings.get(i).thread;
      if (t != me) {
        LockSupport.unpark(t);
        k++;
      }
    }
  }
}
