package io.nereid.kv;

import java.nio.file.Path;
import java.util.List;

/**
 * A partitioned store of ordered byte keys.
 *
 * <p>The store holds {@link #partitionCount()} partitions; each partition holds the same named
 * {@link KeySpace}s. Callers choose the partition of every key (the graph-layer places a quad by its
 * subject or object), so the store never hashes keys itself. Keys within one key space of one
 * partition are ordered by unsigned byte comparison.
 *
 * <p>Reads go through a {@link Snapshot}, which never shows part of a commit. Writes go through a
 * {@link WriteTxn}, which buffers in memory and commits atomically and durably across partitions.
 * Loaders use {@link #bulkBatch()}.
 */
public interface KvStore extends AutoCloseable {

  /** Opens (creating if absent) the LMDB-backed store in {@code dir}. */
  static KvStore open(Path dir, KvStoreConfig config) {
    return io.nereid.kv.lmdb.LmdbKvStore.open(dir, config);
  }

  Path directory();

  int partitionCount();

  /** The key spaces, in the order the configuration declared them. */
  List<KeySpace> keySpaces();

  /** The key space of that name; {@link IllegalArgumentException} if the store has none. */
  KeySpace keySpace(String name);

  /** A consistent read view over all partitions. Close it (try-with-resources). */
  Snapshot snapshot();

  /** A buffered write transaction with the store's default durability. */
  default WriteTxn beginWrite() {
    return beginWrite(config().durability());
  }

  WriteTxn beginWrite(Durability durability);

  /** A bulk batch: sorted appends per partition, written in parallel, all-or-nothing. */
  BulkBatch bulkBatch();

  /** Sequence number of the last commit visible to new snapshots. */
  long lastCommitSeq();

  /**
   * Forces every partition to disk and truncates the write-ahead log up to what is forced. Runs by
   * itself in the background; exposed for tools and tests.
   */
  void checkpoint();

  KvStoreConfig config();

  /** Counters for tests and metrics: open cursors, open snapshots, commits, group sizes. */
  KvStats stats();

  @Override
  void close();
}
