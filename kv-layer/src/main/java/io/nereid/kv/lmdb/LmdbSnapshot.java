package io.nereid.kv.lmdb;

import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvException;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.DirectBuffer;
import org.lmdbjava.Txn;

/**
 * A read view holding one LMDB read transaction per partition, all begun while no commit was being
 * applied (see {@link LmdbKvStore#snapshot()}), so together they show exactly the commits up to
 * {@link #readSeq()}.
 */
final class LmdbSnapshot implements Snapshot {

  private final LmdbKvStore store;
  private final PooledRead[] reads;
  private final long seq;
  private volatile boolean closed;
  /** Iterators with an open cursor: closed with the snapshot, before its transactions are reused. */
  private final Set<LmdbRangeIterator> openIterators = ConcurrentHashMap.newKeySet();

  LmdbSnapshot(LmdbKvStore store, PooledRead[] reads, long seq) {
    this.store = store;
    this.reads = reads;
    this.seq = seq;
  }

  @Override
  public byte[] get(int partition, KeySpace space, byte[] key) {
    Txn<DirectBuffer> txn = read(partition).txn();
    DirectBuffer v = store.partition(partition).dbi(store.spaceIndex(space)).get(txn, DirectBuffers.wrap(key));
    return v == null ? null : DirectBuffers.toArray(v);
  }

  @Override
  public KvIterator scan(int partition, KeySpace space, KeyRange range) {
    PooledRead read = read(partition);
    int s = store.spaceIndex(space);
    return new LmdbRangeIterator(this, read, s, store.partition(partition).dbi(s), range, store.cursorCounter());
  }

  void opened(LmdbRangeIterator it) {
    openIterators.add(it);
  }

  void closed(LmdbRangeIterator it) {
    openIterators.remove(it);
  }

  boolean isClosed() {
    return closed;
  }

  void checkStoreOpen() {
    store.checkOpen();
  }

  private PooledRead read(int partition) {
    if (closed) {
      throw new KvException("snapshot is closed");
    }
    store.checkOpen();
    return reads[store.checkPartition(partition)];
  }

  @Override
  public long readSeq() {
    return seq;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      // A cursor left open would otherwise read through a transaction renewed for someone else.
      for (LmdbRangeIterator it : openIterators) {
        it.close();
      }
      store.release(this, reads);
    }
  }
}
