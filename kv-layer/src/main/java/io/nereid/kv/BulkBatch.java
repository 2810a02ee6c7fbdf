package io.nereid.kv;

/**
 * A bulk write for loaders. Per partition and key space, keys should be added in ascending order
 * (they are appended with MDB_APPEND when beyond the current last key; otherwise put normally).
 * Partitions are written in parallel at {@link #commit()}. The crash guarantee is that of a commit:
 * after a crash the whole batch is there, or none of it. No conflict detection: a bulk batch wins.
 *
 * <p>The entries are held in direct (off-heap) memory, about their encoded size, until {@link
 * #commit()} or {@link #close()}: close a batch that is not committed. A batch that writes one
 * partition is made durable by that partition alone (the write-ahead log gets a header only); a
 * batch over several partitions is written to the log in full and must stay below 2 GiB.
 */
public interface BulkBatch extends AutoCloseable {

  void put(int partition, KeySpace space, byte[] key, byte[] value);

  /** Counter addition, as {@link WriteTxn#add}. */
  void add(int partition, KeySpace space, byte[] key, long delta);

  /** Number of buffered entries. */
  long size();

  /** Durably writes the batch; returns its commit sequence number. */
  long commit();

  /** Discards the batch unless committed. */
  @Override
  void close();
}
