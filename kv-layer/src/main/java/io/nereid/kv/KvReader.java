package io.nereid.kv;

/** Reads shared by {@link Snapshot} and {@link WriteTxn}. Returned arrays are the caller's own. */
public interface KvReader {

  /** The value stored under {@code key}, or {@code null}. */
  byte[] get(int partition, KeySpace space, byte[] key);

  /** True when the key is present. */
  default boolean contains(int partition, KeySpace space, byte[] key) {
    return get(partition, space, key) != null;
  }

  /**
   * Iterates the keys of one partition's key space within {@code range}, in unsigned byte order
   * (descending when the range is reversed). The iterator holds a cursor until it is exhausted or
   * closed.
   */
  KvIterator scan(int partition, KeySpace space, KeyRange range);

  /** The commit sequence number this view reads at. */
  long readSeq();
}
