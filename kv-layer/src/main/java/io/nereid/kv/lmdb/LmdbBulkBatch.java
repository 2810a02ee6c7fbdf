package io.nereid.kv.lmdb;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvConstants;
import io.nereid.kv.KvException;
import java.util.ArrayList;
import java.util.List;

/**
 * A bulk batch: puts in the caller's order, logged as one record and applied with MDB_APPEND where
 * keys arrive sorted, every partition in parallel. No conflict detection and no read-your-writes.
 */
final class LmdbBulkBatch implements BulkBatch {

  private final LmdbKvStore store;
  private List<Mutation> mutations = new ArrayList<>();
  private boolean open = true;

  LmdbBulkBatch(LmdbKvStore store) {
    this.store = store;
  }

  @Override
  public void put(int partition, KeySpace space, byte[] key, byte[] value) {
    check(partition, key);
    KvConstants.checkValue(value, key);
    mutations.add(Mutation.put(partition, store.spaceIndex(space), key.clone(), value.clone()));
  }

  @Override
  public void add(int partition, KeySpace space, byte[] key, long delta) {
    check(partition, key);
    mutations.add(Mutation.add(partition, store.spaceIndex(space), key.clone(), delta));
  }

  @Override
  public long size() {
    return mutations.size();
  }

  @Override
  public long commit() {
    if (!open) {
      throw new KvException("bulk batch is no longer open");
    }
    open = false;
    List<Mutation> all = mutations;
    mutations = List.of();
    return all.isEmpty() ? store.lastCommitSeq() : store.commitBulk(all);
  }

  @Override
  public void close() {
    open = false;
    mutations = List.of();
  }

  private void check(int partition, byte[] key) {
    if (!open) {
      throw new KvException("bulk batch is no longer open");
    }
    store.checkPartition(partition);
    KvConstants.checkKey(key);
  }
}
