package io.nereid.kv.lmdb;

import org.agrona.DirectBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.Txn;

/**
 * A pooled LMDB read transaction together with one idle cursor per key space. Opening a cursor
 * through lmdbjava costs far more than LMDB's own {@code mdb_cursor_open} (native memory for its
 * key and value slots, a by-reference pointer), and a point lookup by prefix opens one per call;
 * LMDB lets a read-only cursor outlive its transaction's reset and be renewed for the next one
 * ({@code mdb_cursor_renew}), so the cursors stay with the pooled transaction.
 *
 * <p>Methods are synchronized: a snapshot's scans of one partition may be read ahead on other
 * threads, one at a time per transaction, but their opens and closes can meet here.
 */
final class PooledRead {

  private final Txn<DirectBuffer> txn;
  private final Cursor<DirectBuffer>[] idle;
  /** The {@link #generation} each idle cursor was last valid in. */
  private final long[] idleGeneration;
  /** Goes up each time the transaction is renewed: older idle cursors need a renew first. */
  private long generation;

  @SuppressWarnings("unchecked")
  PooledRead(Txn<DirectBuffer> txn, int spaces) {
    this.txn = txn;
    this.idle = new Cursor[spaces];
    this.idleGeneration = new long[spaces];
  }

  Txn<DirectBuffer> txn() {
    return txn;
  }

  /** Renews the reset transaction for a new snapshot. */
  synchronized void renew() {
    txn.renew();
    generation++;
  }

  /** Resets the transaction (releases its LMDB reader slot's snapshot); the cursors stay. */
  synchronized void reset() {
    txn.reset();
  }

  /** A cursor on {@code dbi} (key space {@code space}) in this transaction: an idle one if any. */
  synchronized Cursor<DirectBuffer> cursor(int space, Dbi<DirectBuffer> dbi) {
    Cursor<DirectBuffer> c = idle[space];
    if (c == null) {
      return dbi.openCursor(txn);
    }
    idle[space] = null;
    if (idleGeneration[space] != generation) {
      c.renew(txn);
    }
    return c;
  }

  /** Takes back a cursor the caller no longer uses; keeps one per key space, closes the rest. */
  synchronized void release(int space, Cursor<DirectBuffer> c) {
    if (idle[space] == null) {
      idle[space] = c;
      idleGeneration[space] = generation;
    } else {
      c.close();
    }
  }

  /** Closes the idle cursors and the transaction (before the map is resized or the env closed). */
  synchronized void close() {
    for (int s = 0; s < idle.length; s++) {
      if (idle[s] != null) {
        idle[s].close();
        idle[s] = null;
      }
    }
    txn.close();
  }
}
