package io.nereid.kv.lmdb;

import io.nereid.kv.Durability;
import io.nereid.kv.EntryTooLargeException;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvConstants;
import io.nereid.kv.KvException;
import io.nereid.kv.KvIterator;
import io.nereid.kv.WriteTxn;

/**
 * A write transaction that buffers in memory (see {@link WriteBuffer}) and reads through a snapshot
 * opened at its first read (a transaction that only writes never opens one). Its start sequence
 * number decides conflicts: a commit sequenced after it that wrote one of the same keys makes
 * {@link #commit()} fail. It is taken at begin, and moved up to the snapshot's when the snapshot
 * opens before any write, since everything up to there is then read, not raced.
 */
final class BufferedWriteTxn implements WriteTxn {

  private final LmdbKvStore store;
  private final Durability durability;
  private volatile long startSeq;
  private final WriteBuffer buffer;
  private LmdbSnapshot snapshot;
  private boolean open = true;

  BufferedWriteTxn(LmdbKvStore store, Durability durability, long startSeq) {
    this.store = store;
    this.durability = durability;
    this.startSeq = startSeq;
    this.buffer = new WriteBuffer(store.partitionCount(), store.keySpaces().size());
  }

  long startSeq() {
    return startSeq;
  }

  @Override
  public void put(int partition, KeySpace space, byte[] key, byte[] value) {
    checkWritable(partition, key);
    checkValue(value, key);
    buffer.put(partition, store.spaceIndex(space), key.clone(), value.clone());
  }

  @Override
  public void delete(int partition, KeySpace space, byte[] key) {
    checkWritable(partition, key);
    buffer.delete(partition, store.spaceIndex(space), key.clone());
  }

  @Override
  public void add(int partition, KeySpace space, byte[] key, long delta) {
    checkWritable(partition, key);
    buffer.add(partition, store.spaceIndex(space), key.clone(), delta);
  }

  @Override
  public byte[] get(int partition, KeySpace space, byte[] key) {
    checkOpen();
    Mutation m = buffer.get(store.checkPartition(partition), store.spaceIndex(space), key);
    if (m == null) {
      return snapshot().get(partition, space, key);
    }
    byte[] stored = m.kind() == Mutation.ADD ? snapshot().get(partition, space, key) : null;
    return MergingIterator.effectiveValue(m, stored);
  }

  @Override
  public KvIterator scan(int partition, KeySpace space, KeyRange range) {
    checkOpen();
    KvIterator stored = snapshot().scan(partition, space, range);
    return new MergingIterator(
        buffer.scan(partition, store.spaceIndex(space), range), stored, range.isReverse());
  }

  @Override
  public long readSeq() {
    return snapshot == null ? startSeq : snapshot.readSeq();
  }

  @Override
  public int size() {
    return buffer.size();
  }

  @Override
  public long commit() {
    checkOpen();
    open = false;
    closeSnapshot(); // before waiting on the pipeline: a map resize waits for snapshots to close
    try {
      if (buffer.size() == 0) {
        return store.lastCommitSeq();
      }
      return store.commit(buffer.mutations(), startSeq, durability);
    } finally {
      buffer.clear();
      store.ended(this);
    }
  }

  @Override
  public void rollback() {
    if (open) {
      open = false;
      closeSnapshot();
      buffer.clear();
      store.ended(this);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    rollback();
  }

  private LmdbSnapshot snapshot() {
    if (snapshot == null) {
      snapshot = store.snapshot();
      if (buffer.size() == 0) {
        startSeq = Math.max(startSeq, snapshot.readSeq());
      }
    }
    return snapshot;
  }

  private void closeSnapshot() {
    if (snapshot != null) {
      snapshot.close();
      snapshot = null;
    }
  }

  private void checkOpen() {
    if (!open) {
      throw new KvException("transaction is no longer open");
    }
  }

  private void checkWritable(int partition, byte[] key) {
    checkOpen();
    store.checkPartition(partition);
    KvConstants.checkKey(key);
  }

  private static void checkValue(byte[] value, byte[] key) {
    KvConstants.checkValue(value, key);
  }
}
