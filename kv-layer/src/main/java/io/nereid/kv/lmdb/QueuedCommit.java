package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;

/** A commit queued for the {@link CommitPipeline}: its record and how its committer waits. */
final class QueuedCommit {
  final CommitRecord record;
  final boolean sync;
  final Thread thread = Thread.currentThread();
  /** Set before the commit completes. */
  CommitBatch batch;
  volatile boolean done;
  volatile KvException failure;

  QueuedCommit(CommitRecord record, boolean sync) {
    this.record = record;
    this.sync = sync;
  }
}
