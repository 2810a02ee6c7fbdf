package io.nereid.graph.load;

import java.util.Arrays;

/**
 * External id → internal id, for the millions of vertices of a load, without an object per entry.
 * One open-addressing array of longs holds three per slot: the high half of the id's hash with
 * the id's length, the id itself (its UTF-8 bytes packed into the long when there are at most 8)
 * or where a longer id's bytes sit in a byte array, and the internal id. An edge row looks up two
 * ids, and its {@code ~to} vertex is a random one: a short id costs one cache miss, in the slot
 * (when the bytes sat in a separate array, comparing them was 45 % of the loader thread's time).
 * A {@code HashMap<String, Long>} would read table, node, key, key bytes and the boxed value, and
 * give the garbage collector millions of objects.
 */
final class ExternalIdTable {

  private static final int STRIDE = 3;
  /** Ids of at most this many UTF-8 bytes are kept in their slot. */
  static final int INLINE = 8;
  /** The length code of an id kept in {@link #chunks}. */
  private static final long CHUNKED = 0x100;
  private static final long HIGH = 0xFFFF_FFFF_0000_0000L;
  private static final int CHUNK = 1 << 24;

  /** Slot i is [3i, 3i + 3): meta (0: empty), key, internal id. At most three quarters full. */
  private long[] table = new long[STRIDE << 12];
  private int mask = (1 << 12) - 1;
  private byte[][] chunks = new byte[0][];
  private int chunkUsed;
  private int size;
  private final FactKeys.Utf8Buffer utf8 = new FactKeys.Utf8Buffer();

  int size() {
    return size;
  }

  /** The internal id of {@code externalId}, or -1. */
  long get(String externalId) {
    utf8.encode(externalId);
    byte[] b = utf8.bytes;
    int length = utf8.length;
    long h = hash(b, length);
    long meta = meta(h, length);
    long packed = length <= INLINE ? pack(b, length) : 0;
    for (int i = slot(h); ; i = (i + 1) & mask) {
      int at = i * STRIDE;
      long m = table[at];
      if (m == 0) {
        return -1;
      }
      if (m == meta && matches(table[at + 1], packed, b, length)) {
        return table[at + 2];
      }
    }
  }

  /** Adds or replaces the entry of {@code externalId}. */
  void put(String externalId, long id) {
    utf8.encode(externalId);
    byte[] b = utf8.bytes;
    int length = utf8.length;
    long h = hash(b, length);
    long meta = meta(h, length);
    long packed = length <= INLINE ? pack(b, length) : 0;
    int i = slot(h);
    for (; table[i * STRIDE] != 0; i = (i + 1) & mask) {
      int at = i * STRIDE;
      if (table[at] == meta && matches(table[at + 1], packed, b, length)) {
        table[at + 2] = id;
        return;
      }
    }
    int at = i * STRIDE;
    table[at] = meta;
    table[at + 1] = length <= INLINE ? packed : append(b, length);
    table[at + 2] = id;
    if (++size * 4L > (mask + 1L) * 3) {
      grow();
    }
  }

  /** The hash's high half, which also picks the slot, and a code for the length. */
  private static long meta(long h, int length) {
    return (h & HIGH) | (length <= INLINE ? length + 1 : CHUNKED);
  }

  private int slot(long h) {
    return (int) (h >>> 32) & mask;
  }

  private boolean matches(long key, long packed, byte[] b, int length) {
    if (length <= INLINE) {
      return key == packed; // equal lengths (in the meta) and bytes
    }
    byte[] c = chunks[(int) (key >>> 32)];
    int at = (int) key;
    return lengthAt(c, at) == length && Arrays.equals(c, at + 4, at + 4 + length, b, 0, length);
  }

  /** The first {@code length} (at most 8) bytes as a long. */
  private static long pack(byte[] b, int length) {
    long v = 0;
    for (int i = 0; i < length; i++) {
      v = v << 8 | (b[i] & 0xFF);
    }
    return v;
  }

  /** Appends {@code 4-byte length, bytes}; returns where (chunk index << 32 | position). */
  private long append(byte[] key, int length) {
    int need = 4 + length;
    if (chunks.length == 0 || chunkUsed + need > chunks[chunks.length - 1].length) {
      chunks = Arrays.copyOf(chunks, chunks.length + 1);
      chunks[chunks.length - 1] = new byte[Math.max(CHUNK, need)];
      chunkUsed = 0;
    }
    byte[] c = chunks[chunks.length - 1];
    long where = ((long) (chunks.length - 1) << 32) | chunkUsed;
    c[chunkUsed] = (byte) (length >>> 24);
    c[chunkUsed + 1] = (byte) (length >>> 16);
    c[chunkUsed + 2] = (byte) (length >>> 8);
    c[chunkUsed + 3] = (byte) length;
    System.arraycopy(key, 0, c, chunkUsed + 4, length);
    chunkUsed += need;
    return where;
  }

  private static int lengthAt(byte[] c, int at) {
    return (c[at] & 0xFF) << 24 | (c[at + 1] & 0xFF) << 16 | (c[at + 2] & 0xFF) << 8
        | (c[at + 3] & 0xFF);
  }

  /** Doubles the slots; the meta holds the hash bits that place an entry, so nothing is rehashed. */
  private void grow() {
    long[] old = table;
    int slots = (mask + 1) * 2;
    if ((long) slots * STRIDE > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("external id table full");
    }
    table = new long[slots * STRIDE];
    mask = slots - 1;
    for (int at = 0; at < old.length; at += STRIDE) {
      long m = old[at];
      if (m != 0) {
        int i = (int) (m >>> 32) & mask;
        while (table[i * STRIDE] != 0) {
          i = (i + 1) & mask;
        }
        System.arraycopy(old, at, table, i * STRIDE, STRIDE);
      }
    }
  }

  /** 64-bit FNV-1a, then mixed: the high half places the entry and is kept in its slot. */
  private static long hash(byte[] b, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < length; i++) {
      h ^= b[i] & 0xFF;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
