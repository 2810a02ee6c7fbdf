package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Writes mutations into one LMDB write transaction of a partition, through one cursor per key
 * space. Bulk puts beyond the last key of their key space go in with {@code MDB_APPEND} on that
 * cursor, which stays at the end of the tree, so LMDB neither searches from the root nor splits
 * pages in the middle; everything else is a normal cursor put. One per partition, reused by every
 * transaction of it (they never overlap: one batch is applied at a time).
 */
final class Filler {

  private static final PutFlags[] NONE = {};
  private static final PutFlags[] APPEND = {PutFlags.MDB_APPEND};

  private final LmdbPartition partition;
  private final Cursor<DirectBuffer>[] cursors;
  /**
   * Per key space: the greatest key in the transaction so far (valid when lastLength >= 0): a view
   * of the entry's own memory when it came from a bulk batch's chunk (which outlives the filling),
   * else of a copy in {@link #ownKeys}. Keys appended in order move the view, never copy.
   */
  private final UnsafeBuffer[] lastKeys;
  /** Per key space: memory for a last key that must be copied (lazily allocated). */
  private final UnsafeBuffer[] ownKeys;
  /** Per key space: length of lastKeys, 0 for an empty database, -1 while unknown. */
  private final int[] lastLengths;
  private final UnsafeBuffer keyView = new UnsafeBuffer(0, 0);
  private final UnsafeBuffer valueView = new UnsafeBuffer(0, 0);
  private final UnsafeBuffer chunk = new UnsafeBuffer(0, 0);
  private final UnsafeBuffer counter = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
  private Txn<DirectBuffer> txn;

  @SuppressWarnings("unchecked")
  Filler(LmdbPartition partition, int spaces) {
    this.partition = partition;
    this.cursors = new Cursor[spaces];
    this.lastKeys = new UnsafeBuffer[spaces];
    this.ownKeys = new UnsafeBuffer[spaces];
    for (int i = 0; i < spaces; i++) {
      lastKeys[i] = new UnsafeBuffer(0, 0);
    }
    this.lastLengths = new int[spaces];
  }

  /** Starts filling {@code txn}. */
  void begin(Txn<DirectBuffer> txn) {
    this.txn = txn;
    java.util.Arrays.fill(lastLengths, -1);
  }

  /** Closes the cursors: before the transaction commits or aborts. */
  void end() {
    for (int s = 0; s < cursors.length; s++) {
      if (cursors[s] != null) {
        try {
          cursors[s].close();
        } finally {
          cursors[s] = null;
        }
      }
    }
    txn = null;
  }

  /** Applies one record's mutations of this partition. */
  void apply(boolean bulk, List<Mutation> mutations) {
    for (Mutation m : mutations) {
      int space = m.space();
      switch (m.kind()) {
        case Mutation.PUT ->
            put(space, DirectBuffers.wrap(m.key()), DirectBuffers.wrapValue(m.value()), bulk, false);
        case Mutation.DELETE -> delete(space, DirectBuffers.wrap(m.key()));
        default -> add(space, DirectBuffers.wrap(m.key()), m.delta());
      }
    }
  }

  /** Applies a bulk batch's entries of this partition, straight from their memory. */
  void apply(BulkEntries.Part part) {
    apply(part, 0);
  }

  /** Applies a bulk batch's entries of this partition from chunk {@code fromChunk} on. */
  void apply(BulkEntries.Part part, int fromChunk) {
    for (int i = fromChunk; i < part.chunkCount(); i++) {
      applyChunk(part.chunkAddress(i), part.chunkLength(i));
    }
  }

  /** Applies the entries in {@code length} bytes at {@code address} (whole entries). */
  void applyChunk(long address, int length) {
    chunk.wrap(address, length);
    int end = length;
    int at = 0;
    while (at < end) {
      byte kind = chunk.getByte(at);
      int space = chunk.getByte(at + 3) & 0xFF;
      int keyLength = chunk.getInt(at + 4, ByteOrder.BIG_ENDIAN);
      at += BulkEntries.ENTRY_HEADER;
      keyView.wrap(address + at, keyLength);
      at += keyLength;
      if (kind == Mutation.PUT) {
        int valueLength = chunk.getInt(at, ByteOrder.BIG_ENDIAN);
        valueView.wrap(address + at + 4, valueLength);
        at += 4 + valueLength;
        put(space, keyView, valueView, true, true);
      } else {
        long delta = chunk.getLong(at, ByteOrder.BIG_ENDIAN);
        at += 8;
        add(space, keyView, delta);
      }
    }
  }

  /** {@code stable}: the key's memory stays valid until the transaction is filled. */
  private void put(int space, DirectBuffer key, DirectBuffer value, boolean bulk, boolean stable) {
    Cursor<DirectBuffer> c = cursor(space);
    if (bulk && beyondLast(space, c, key)) {
      c.put(key, value, APPEND);
      if (stable) {
        lastKeys[space].wrap(key.addressOffset(), key.capacity());
        lastLengths[space] = key.capacity();
      } else {
        setLast(space, key);
      }
    } else {
      c.put(key, value, NONE);
      wrote(space, key);
    }
  }

  private void delete(int space, DirectBuffer key) {
    Cursor<DirectBuffer> c = cursor(space);
    if (c.get(key, GetOp.MDB_SET)) {
      c.delete(NONE);
    }
    // The known last key may now be too high: that only costs appends, never correctness.
  }

  private void add(int space, DirectBuffer key, long delta) {
    Cursor<DirectBuffer> c = cursor(space);
    boolean found = c.get(key, GetOp.MDB_SET_KEY);
    long sum = (found ? decodeCounter(c.val()) : 0) + delta;
    if (sum == 0) {
      if (found) {
        c.delete(NONE);
      }
      return;
    }
    counter.putLong(0, sum, ByteOrder.BIG_ENDIAN);
    c.put(key, counter, NONE);
    wrote(space, key);
  }

  private static long decodeCounter(DirectBuffer v) {
    if (v.capacity() != Long.BYTES) {
      throw new IllegalStateException(
          "counter value must be 8 bytes, found " + v.capacity() + ": key was not written by add()");
    }
    return v.getLong(0, ByteOrder.BIG_ENDIAN);
  }

  /** Whether {@code key} sorts after every key of the space in this transaction. */
  private boolean beyondLast(int space, Cursor<DirectBuffer> c, DirectBuffer key) {
    int length = lastLengths[space];
    if (length < 0) {
      if (c.last()) {
        setLast(space, c.key());
        length = lastLengths[space];
      } else {
        length = lastLengths[space] = 0;
      }
    }
    return length == 0 || compare(key, key.capacity(), lastKeys[space], length) > 0;
  }

  /** A put or counter may land beyond the known last key: move it up. */
  private void wrote(int space, DirectBuffer key) {
    int length = lastLengths[space];
    if (length >= 0 && compare(key, key.capacity(), lastKeys[space], length) > 0) {
      setLast(space, key);
    }
  }

  /** Makes a copy of {@code key} the space's last key. */
  private void setLast(int space, DirectBuffer key) {
    UnsafeBuffer own = ownKeys[space];
    if (own == null) {
      own = ownKeys[space] = new UnsafeBuffer(ByteBuffer.allocateDirect(512));
    }
    int length = key.capacity();
    own.putBytes(0, key, 0, length);
    lastKeys[space].wrap(own.addressOffset(), length);
    lastLengths[space] = length;
  }

  private Cursor<DirectBuffer> cursor(int space) {
    Cursor<DirectBuffer> c = cursors[space];
    if (c == null) {
      c = cursors[space] = partition.dbi(space).openCursor(txn);
    }
    return c;
  }

  /** Unsigned lexicographic order, a proper prefix first. */
  static int compare(DirectBuffer a, int aLength, DirectBuffer b, int bLength) {
    int n = Math.min(aLength, bLength);
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      long x = a.getLong(i, ByteOrder.BIG_ENDIAN);
      long y = b.getLong(i, ByteOrder.BIG_ENDIAN);
      if (x != y) {
        return Long.compareUnsigned(x, y);
      }
    }
    for (; i < n; i++) {
      int x = a.getByte(i) & 0xFF;
      int y = b.getByte(i) & 0xFF;
      if (x != y) {
        return x - y;
      }
    }
    return aLength - bLength;
  }
}
