package io.nereid.graph.load;

import java.util.Arrays;

/**
 * External id → internal id, for the millions of vertices of a load, without an object per entry:
 * the ids' UTF-8 bytes and their internal ids sit in one byte array ({@code length, bytes, id}),
 * and an open-addressing table of longs holds, per entry, 24 bits of its hash and its offset in
 * that array. A lookup reads one table slot and one spot of the array (a {@code HashMap<String,
 * Long>} reads table, node, key, key bytes and the boxed value: the loader's edge rows spent a
 * tenth of their time there), and the garbage collector sees two arrays instead of millions of
 * objects.
 */
final class ExternalIdTable {

  private static final long EMPTY = 0;
  /** A slot's low 40 bits: 1 + the entry's offset (chunk index << 32 | position in the chunk). */
  private static final int OFFSET_BITS = 40;
  private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
  private static final int CHUNK = 1 << 24;

  private long[] slots = new long[1 << 12]; // kept at most half full
  private byte[][] chunks = new byte[1][];
  private int chunkUsed;
  private int size;
  private final FactKeys.Utf8Buffer utf8 = new FactKeys.Utf8Buffer();

  ExternalIdTable() {
    chunks[0] = new byte[CHUNK];
  }

  int size() {
    return size;
  }

  /** The internal id of {@code externalId}, or -1. */
  long get(String externalId) {
    utf8.encode(externalId);
    long h = hash(utf8.bytes, utf8.length);
    int mask = slots.length - 1;
    for (int i = (int) h & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == EMPTY) {
        return -1;
      }
      if ((s >>> OFFSET_BITS) == (h >>> 40) && keyEquals(s, utf8.bytes, utf8.length)) {
        return idAt(s);
      }
    }
  }

  /** Adds or replaces the entry of {@code externalId}. */
  void put(String externalId, long id) {
    utf8.encode(externalId);
    byte[] key = utf8.bytes;
    int length = utf8.length;
    long h = hash(key, length);
    int mask = slots.length - 1;
    int i = (int) h & mask;
    for (; slots[i] != EMPTY; i = (i + 1) & mask) {
      long s = slots[i];
      if ((s >>> OFFSET_BITS) == (h >>> 40) && keyEquals(s, key, length)) {
        setId(s, id);
        return;
      }
    }
    slots[i] = (h >>> 40) << OFFSET_BITS | (append(key, length, id) + 1);
    if (++size * 2 > slots.length) {
      grow();
    }
  }

  /** Appends {@code 4-byte length, bytes, 8-byte id}; returns its offset. */
  private long append(byte[] key, int length, long id) {
    int need = 4 + length + 8;
    if (chunkUsed + need > chunks[chunks.length - 1].length) {
      if (chunks.length == 255) {
        throw new IllegalStateException("external id table full");
      }
      chunks = Arrays.copyOf(chunks, chunks.length + 1);
      chunks[chunks.length - 1] = new byte[Math.max(CHUNK, need)];
      chunkUsed = 0;
    }
    byte[] c = chunks[chunks.length - 1];
    long offset = ((long) (chunks.length - 1) << 32) | chunkUsed;
    int at = chunkUsed;
    c[at++] = (byte) (length >>> 24);
    c[at++] = (byte) (length >>> 16);
    c[at++] = (byte) (length >>> 8);
    c[at++] = (byte) length;
    System.arraycopy(key, 0, c, at, length);
    at += length;
    for (int k = 7; k >= 0; k--) {
      c[at + k] = (byte) id;
      id >>>= 8;
    }
    chunkUsed = at + 8;
    return offset;
  }

  private boolean keyEquals(long slot, byte[] key, int length) {
    byte[] c = chunkOf(slot);
    int at = positionOf(slot);
    int l = lengthAt(c, at);
    return l == length && Arrays.equals(c, at + 4, at + 4 + l, key, 0, length);
  }

  private long idAt(long slot) {
    byte[] c = chunkOf(slot);
    int at = positionOf(slot);
    at += 4 + lengthAt(c, at);
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (c[at + k] & 0xFF);
    }
    return v;
  }

  private void setId(long slot, long id) {
    byte[] c = chunkOf(slot);
    int at = positionOf(slot);
    at += 4 + lengthAt(c, at);
    for (int k = 7; k >= 0; k--) {
      c[at + k] = (byte) id;
      id >>>= 8;
    }
  }

  private byte[] chunkOf(long slot) {
    return chunks[(int) ((((slot & OFFSET_MASK) - 1)) >>> 32)];
  }

  private static int positionOf(long slot) {
    return (int) ((slot & OFFSET_MASK) - 1);
  }

  private static int lengthAt(byte[] c, int at) {
    return (c[at] & 0xFF) << 24 | (c[at + 1] & 0xFF) << 16 | (c[at + 2] & 0xFF) << 8
        | (c[at + 3] & 0xFF);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long s : old) {
      if (s != EMPTY) {
        byte[] c = chunkOf(s);
        int at = positionOf(s);
        long h = hash(c, at + 4, lengthAt(c, at));
        int i = (int) h & mask;
        while (slots[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[i] = s;
      }
    }
  }

  private static long hash(byte[] b, int length) {
    return hash(b, 0, length);
  }

  /** 64-bit FNV-1a, then mixed: the low bits pick the slot, the top 24 are kept in it. */
  private static long hash(byte[] b, int from, int length) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < from + length; i++) {
      h ^= b[i] & 0xFF;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
