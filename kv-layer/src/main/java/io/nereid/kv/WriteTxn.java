package io.nereid.kv;

/**
 * A write transaction. Puts, deletes and counter additions are buffered in memory; reads merge the
 * buffer over a snapshot opened at the transaction's first read (so a transaction that only writes
 * costs no snapshot), and a transaction reads its own writes. No LMDB lock is held until {@link
 * #commit()}. Conflicts are judged from the transaction's begin, or from its snapshot when it read
 * before writing anything.
 *
 * <p>Not thread-safe: one thread at a time.
 */
public interface WriteTxn extends KvReader, AutoCloseable {

  void put(int partition, KeySpace space, byte[] key, byte[] value);

  void delete(int partition, KeySpace space, byte[] key);

  /**
   * Adds {@code delta} to the signed 8-byte big-endian counter stored under {@code key} (absent
   * counts as 0; a counter that reaches 0 is removed). Additions commute, so concurrent transactions
   * adding to the same counter do not conflict: use this for statistics.
   */
  void add(int partition, KeySpace space, byte[] key, long delta);

  /** Number of buffered operations. */
  int size();

  /**
   * Commits atomically across partitions. When it returns (with {@link Durability#SYNC}) the commit
   * is on disk. Returns the commit sequence number.
   *
   * @throws WriteConflictException if a transaction that committed after this one began wrote one
   *     of the same keys (retry the whole transaction)
   */
  long commit();

  /** Discards the buffered writes. */
  void rollback();

  boolean isOpen();

  /** Rolls back unless committed. */
  @Override
  void close();
}
