package io.nereid.kv;

/** When a commit is on disk. */
public enum Durability {
  /** The commit is forced to disk before {@code commit()} returns (group commit shares the fsync). */
  SYNC,
  /**
   * The commit is written to the log and visible at once, and forced to disk by a background flush
   * every {@link KvStoreConfig#asyncFlushMillis()} ms: a crash of the machine (not of the process)
   * can lose the commits of that last window. Never a part of one.
   */
  ASYNC
}
