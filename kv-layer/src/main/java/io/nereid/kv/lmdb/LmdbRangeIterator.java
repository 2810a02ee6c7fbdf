package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvException;
import io.nereid.kv.KvIterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.agrona.DirectBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;

/**
 * Iterates one LMDB database over a {@link KeyRange} with a raw cursor, forward or in reverse. The
 * bounds are checked here with unsigned comparison (LMDB's order); the cursor is opened at the first
 * {@link #hasNext()} and given back to the pooled transaction when the range is exhausted or on
 * {@link #close()}.
 */
final class LmdbRangeIterator implements KvIterator {

  private final LmdbSnapshot snapshot;
  private final PooledRead read;
  private final int space;
  private final Dbi<DirectBuffer> dbi;
  private final KeyRange range;
  private final AtomicLong openCursors;
  private Cursor<DirectBuffer> cursor;
  private boolean started;
  private boolean finished;
  private KvEntry next;

  LmdbRangeIterator(
      LmdbSnapshot snapshot,
      PooledRead read,
      int space,
      Dbi<DirectBuffer> dbi,
      KeyRange range,
      AtomicLong openCursors) {
    this.snapshot = snapshot;
    this.read = read;
    this.space = space;
    this.dbi = dbi;
    this.range = range;
    this.openCursors = openCursors;
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    if (finished) {
      return false;
    }
    if (snapshot.isClosed()) {
      throw new KvException("the snapshot of this scan was closed (" + range + ")");
    }
    snapshot.checkStoreOpen(); // before LMDB is touched: a closing store unmaps its files
    boolean positioned = started ? step() : position();
    started = true;
    if (!positioned) {
      close();
      return false;
    }
    byte[] key = DirectBuffers.toArray(cursor.key());
    if (range.isPastEnd(key)) {
      close();
      return false;
    }
    next = new KvEntry(key, DirectBuffers.toArray(cursor.val()));
    return true;
  }

  private boolean position() {
    cursor = read.cursor(space, dbi);
    openCursors.incrementAndGet();
    snapshot.opened(this);
    // LMDB refuses empty keys: an empty lower bound is no bound, an empty upper bound admits none.
    if (!range.isReverse()) {
      return range.from() == null || range.from().length == 0
          ? cursor.first()
          : cursor.get(DirectBuffers.wrap(range.from()), GetOp.MDB_SET_RANGE);
    }
    if (range.to() == null) {
      return cursor.last();
    }
    if (range.to().length == 0) {
      return false;
    }
    // The first key >= the exclusive upper bound, then one back; no such key: start at the last.
    if (cursor.get(DirectBuffers.wrap(range.to()), GetOp.MDB_SET_RANGE)) {
      return cursor.prev();
    }
    return cursor.last();
  }

  private boolean step() {
    return range.isReverse() ? cursor.prev() : cursor.next();
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KvEntry e = next;
    next = null;
    return e;
  }

  @Override
  public synchronized void close() {
    finished = true;
    next = null;
    if (cursor != null) {
      read.release(space, cursor); // kept for the next scan of this key space in the transaction
      cursor = null;
      openCursors.decrementAndGet();
      snapshot.closed(this);
    }
  }

  @Override
  public String toString() {
    return "scan " + range + (next == null ? "" : " at " + ByteKeys.toHex(next.key()));
  }
}
