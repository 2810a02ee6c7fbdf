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

  /**
   * As {@link #put(int, KeySpace, byte[], byte[])} with the key {@code key[keyOffset, +keyLength)}
   * and the value {@code value[valueOffset, +valueLength)}: a loader handing over entries from its
   * own buffers spares an exact-length copy of each. The slices are copied before this returns.
   */
  default void put(int partition, KeySpace space, byte[] key, int keyOffset, int keyLength,
      byte[] value, int valueOffset, int valueLength) {
    put(partition, space, java.util.Arrays.copyOfRange(key, keyOffset, keyOffset + keyLength),
        java.util.Arrays.copyOfRange(value, valueOffset, valueOffset + valueLength));
  }

  /** As {@link #add(int, KeySpace, byte[], long)} with the key {@code key[keyOffset, +keyLength)}. */
  default void add(int partition, KeySpace space, byte[] key, int keyOffset, int keyLength,
      long delta) {
    add(partition, space, java.util.Arrays.copyOfRange(key, keyOffset, keyOffset + keyLength),
        delta);
  }

  /** Number of buffered entries. */
  long size();

  /** Durably writes the batch; returns its commit sequence number. */
  long commit();

  /** Discards the batch unless committed. */
  @Override
  void close();
}
