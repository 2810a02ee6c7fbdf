package io.nereid.kv.lmdb;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvConstants;
import io.nereid.kv.KvException;
import io.nereid.kv.KvStoreConfig;
import java.util.Objects;

/**
 * A bulk batch: entries kept off-heap in the caller's order per partition ({@link BulkEntries}),
 * applied with MDB_APPEND where keys arrive sorted, every partition in parallel. A batch of one
 * partition is logged as a header only (its partition is forced instead); a batch of several is
 * logged whole, straight from its entries. No conflict detection and no read-your-writes.
 */
final class LmdbBulkBatch implements BulkBatch {

  /** Whether partitions fill their entries ahead of the commit ({@link BulkPrefill}); for tests. */
  static final boolean PREFILL =
      !"false".equals(System.getProperty("nereid.kv.bulkPrefill"));

  /** The frame length of a logged record is an int. */
  static final long MAX_LOGGED_BYTES = Integer.MAX_VALUE - (1 << 10);

  private final LmdbKvStore store;
  private BulkEntries entries;
  private boolean open = true;

  LmdbBulkBatch(LmdbKvStore store) {
    this.store = store;
    this.entries =
        new BulkEntries(
            store.partitionCount(),
            p -> store.partition(p).writer,
            PREFILL ? p -> new BulkPrefill(store.partition(p)) : null);
  }

  @Override
  public void put(int partition, KeySpace space, byte[] key, byte[] value) {
    check(partition, key);
    KvConstants.checkValue(value, key);
    entries.put(partition, store.spaceIndex(space), key, value);
  }

  @Override
  public void add(int partition, KeySpace space, byte[] key, long delta) {
    check(partition, key);
    entries.add(partition, store.spaceIndex(space), key, delta);
  }

  @Override
  public void put(int partition, KeySpace space, byte[] key, int keyOffset, int keyLength,
      byte[] value, int valueOffset, int valueLength) {
    Objects.checkFromIndexSize(keyOffset, keyLength, key.length);
    Objects.checkFromIndexSize(valueOffset, valueLength, value.length);
    if (keyLength == 0 || keyLength > KvStoreConfig.MAX_KEY_BYTES
        || valueLength > KvStoreConfig.MAX_VALUE_BYTES) {
      BulkBatch.super.put(partition, space, key, keyOffset, keyLength, value, valueOffset,
          valueLength); // the checks of the array form, with their messages
      return;
    }
    check(partition);
    entries.put(partition, store.spaceIndex(space), key, keyOffset, keyLength, value,
        valueOffset, valueLength);
  }

  @Override
  public void add(int partition, KeySpace space, byte[] key, int keyOffset, int keyLength,
      long delta) {
    Objects.checkFromIndexSize(keyOffset, keyLength, key.length);
    if (keyLength == 0 || keyLength > KvStoreConfig.MAX_KEY_BYTES) {
      BulkBatch.super.add(partition, space, key, keyOffset, keyLength, delta);
      return;
    }
    check(partition);
    entries.add(partition, store.spaceIndex(space), key, keyOffset, keyLength, delta);
  }

  @Override
  public long size() {
    return entries == null ? 0 : entries.count();
  }

  @Override
  public long commit() {
    if (!open) {
      throw new KvException("bulk batch is no longer open");
    }
    open = false;
    BulkEntries all = entries;
    try {
      if (all.count() == 0) {
        return store.lastCommitSeq();
      }
      if (all.partitionsTouched() > 1 && all.bytes() > MAX_LOGGED_BYTES) {
        throw new KvException(
            "bulk batch of "
                + all.bytes()
                + " encoded bytes over "
                + all.partitionsTouched()
                + " partitions is too large for one log record (at most "
                + MAX_LOGGED_BYTES
                + "); commit it in smaller batches, or one partition per batch");
      }
      return store.commitBulk(all);
    } finally {
      entries = null;
      all.close(); // the pipeline is done with the entries once commitBulk returns or throws
    }
  }

  @Override
  public void close() {
    open = false;
    if (entries != null) {
      entries.close();
      entries = null;
    }
  }

  private void check(int partition, byte[] key) {
    check(partition);
    KvConstants.checkKey(key);
  }

  private void check(int partition) {
    if (!open) {
      throw new KvException("bulk batch is no longer open");
    }
    store.checkPartition(partition);
  }
}
