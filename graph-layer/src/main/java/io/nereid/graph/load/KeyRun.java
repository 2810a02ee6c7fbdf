package io.nereid.graph.load;

import java.util.Arrays;

/**
 * The entries of one partition and key space within a batch, kept in one growing byte array (no
 * object per key) and sorted by index. Each entry is {@code key length (2 bytes), value length (4
 * bytes), key, value}; for a counter run the value is the 8-byte big-endian delta.
 *
 * <p>Sorting is a most-significant-first radix sort over 8-byte windows of the keys: each window
 * is a {@code long} (big-endian, zero-padded past the key's end, so unsigned {@code long} order is
 * byte order), sorted by an LSD radix pass over its bytes (bytes that are the same in every key of
 * the range, such as a key's kind byte, cost one histogram check); keys whose windows tie go on to
 * the next window. Ties are common (every edge property with the same value shares its POGS key's
 * first 8 bytes), so they are sorted the same way rather than by comparison.
 */
final class KeyRun {

  static final int HEADER = 6;
  /** Below this many keys, a range is insertion-sorted by comparing whole keys. */
  private static final int SMALL = 24;

  private byte[] data;
  private int used;
  private long[] heads;
  private int[] offsets;
  private int count;
  private int lastOffset = -1;
  /** The sort's scratch arrays, kept for the next batch's sort (as large as a run, every batch). */
  private long[] tmpHeads = new long[0];
  private int[] tmpOffsets = new int[0];
  private final int[][] counts = new int[8][256];

  KeyRun(int expectedEntries) {
    int n = Math.max(16, expectedEntries);
    data = new byte[n * 32];
    heads = new long[n];
    offsets = new int[n];
  }

  /** Empties the run, keeping its arrays for the next batch. */
  void clear() {
    used = 0;
    count = 0;
    lastOffset = -1;
  }

  int count() {
    return count;
  }

  /** Adds a put of {@code key[0, keyLength)} with {@code value[valueOffset, +valueLength)}. */
  void put(byte[] key, int keyLength, byte[] value, int valueOffset, int valueLength) {
    int at = append(key, keyLength, valueLength);
    System.arraycopy(value, valueOffset, data, at + HEADER + keyLength, valueLength);
  }

  /**
   * Adds a counter delta. When the key equals the previous counter's (a vertex's out-degree, row
   * after row of its edges), the delta is summed into it instead: most repeats cost no entry.
   */
  void addCounter(byte[] key, int keyLength, long delta) {
    if (lastOffset >= 0 && lengthOfKeyAt(lastOffset) == keyLength
        && Arrays.equals(data, lastOffset + HEADER, lastOffset + HEADER + keyLength,
            key, 0, keyLength)) {
      int v = lastOffset + HEADER + keyLength;
      putLong(data, v, getLong(data, v) + delta);
      return;
    }
    int at = append(key, keyLength, 8);
    putLong(data, at + HEADER + keyLength, delta);
    lastOffset = at;
  }

  private int append(byte[] key, int keyLength, int valueLength) {
    int size = HEADER + keyLength + valueLength;
    if ((long) used + size > data.length) {
      grow((long) used + size);
    }
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
      heads = Arrays.copyOf(heads, count * 2);
    }
    int at = used;
    data[at] = (byte) (keyLength >>> 8);
    data[at + 1] = (byte) keyLength;
    data[at + 2] = (byte) (valueLength >>> 24);
    data[at + 3] = (byte) (valueLength >>> 16);
    data[at + 4] = (byte) (valueLength >>> 8);
    data[at + 5] = (byte) valueLength;
    System.arraycopy(key, 0, data, at + HEADER, keyLength);
    offsets[count++] = at;
    used += size;
    return at;
  }

  /** Appends {@code other}'s entries, in their order, after this run's. */
  void append(KeyRun other) {
    int n = other.count;
    if ((long) used + other.used > data.length) {
      grow((long) used + other.used);
    }
    if (count + n > offsets.length) {
      int size = Math.max(count * 2, count + n);
      offsets = Arrays.copyOf(offsets, size);
      heads = Arrays.copyOf(heads, size);
    }
    System.arraycopy(other.data, 0, data, used, other.used);
    for (int i = 0; i < n; i++) {
      offsets[count + i] = other.offsets[i] + used;
    }
    count += n;
    used += other.used;
    lastOffset = -1; // a counter appended next is a new entry (equal ones are summed when sorted)
  }

  /** Makes room for {@code need} bytes of entries; a clear error past what one array holds. */
  private void grow(long need) {
    long limit = Integer.MAX_VALUE - 16;
    if (need > limit) {
      throw new IllegalStateException("one partition's keys of one key space in a batch exceed "
          + limit + " bytes: load with a smaller batchStatements");
    }
    data = Arrays.copyOf(data, (int) Math.min(limit, Math.max((long) data.length * 2, need)));
  }

  // ---- reading the i-th entry in the current order ----

  int keyOffset(int i) {
    return offsets[i] + HEADER;
  }

  int keyLength(int i) {
    return lengthOfKeyAt(offsets[i]);
  }

  int valueOffset(int i) {
    return offsets[i] + HEADER + lengthOfKeyAt(offsets[i]);
  }

  int valueLength(int i) {
    int at = offsets[i];
    return (data[at + 2] & 0xFF) << 24 | (data[at + 3] & 0xFF) << 16 | (data[at + 4] & 0xFF) << 8
        | (data[at + 5] & 0xFF);
  }

  /** The counter delta of the i-th entry of a counter run. */
  long delta(int i) {
    return getLong(data, valueOffset(i));
  }

  /** In a sorted run: the index of the first key whose first byte is at least {@code b}. */
  int firstAtOrAbove(byte b) {
    int lo = 0;
    int hi = count;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int at = offsets[mid];
      if (lengthOfKeyAt(at) > 0 && (data[at + HEADER] & 0xFF) >= (b & 0xFF)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  byte[] data() {
    return data;
  }

  /** Whether entries i and j have equal keys. */
  boolean sameKey(int i, int j) {
    int a = offsets[i];
    int b = offsets[j];
    int la = lengthOfKeyAt(a);
    return la == lengthOfKeyAt(b)
        && Arrays.equals(data, a + HEADER, a + HEADER + la, data, b + HEADER, b + HEADER + la);
  }

  private int lengthOfKeyAt(int entryOffset) {
    return (data[entryOffset] & 0xFF) << 8 | (data[entryOffset + 1] & 0xFF);
  }

  // ---- sorting ----

  /** Sorts the entries by key (unsigned bytes); equal keys keep no particular order. */
  void sort() {
    lastOffset = -1; // no more merging into the last entry: it moves
    if (count < 2 || inOrder()) {
      return;
    }
    for (int i = 0; i < count; i++) {
      heads[i] = window(offsets[i], 0);
    }
    if (tmpHeads.length < count) {
      tmpHeads = new long[heads.length];
      tmpOffsets = new int[offsets.length];
    }
    sort(0, count, 0, tmpHeads, tmpOffsets, counts);
  }

  /**
   * Whether the entries are already in key order, tested until the first pair out of order. Half
   * of a load's keys arrive sorted: SPOG's by subject and GPSO's by graph id, which grow as the
   * loader creates elements (for edges, when the file is grouped by {@code ~from}); the test
   * costs one comparison per entry, a radix sort several passes over the keys.
   */
  private boolean inOrder() {
    for (int i = 1; i < count; i++) {
      if (compare(offsets[i - 1], offsets[i]) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Sorts [from, to), whose heads hold the key bytes [depth, depth + 8). {@code counts}: the radix
   * histograms, shared by every level (a level is done with them before it recurses).
   */
  private void sort(int from, int to, int depth, long[] tmpHeads, int[] tmpOffsets,
      int[][] counts) {
    if (to - from <= SMALL) {
      insertionSort(from, to);
      return;
    }
    radix(from, to, tmpHeads, tmpOffsets, counts);
    int next = depth + 8;
    for (int i = from; i < to; ) {
      int j = i + 1;
      while (j < to && heads[j] == heads[i]) {
        j++;
      }
      if (j - i > 1) {
        boolean longer = false;
        for (int k = i; k < j; k++) {
          longer |= lengthOfKeyAt(offsets[k]) > next;
          heads[k] = window(offsets[k], next);
        }
        if (longer) {
          sort(i, j, next, tmpHeads, tmpOffsets, counts);
        } else if (!allSameLength(i, j)) {
          insertionSort(i, j); // keys that differ only in trailing zero bytes: by length
        }
      }
      i = j;
    }
  }

  private boolean allSameLength(int from, int to) {
    int l = lengthOfKeyAt(offsets[from]);
    for (int k = from + 1; k < to; k++) {
      if (lengthOfKeyAt(offsets[k]) != l) {
        return false;
      }
    }
    return true;
  }

  /** LSD radix sort of [from, to) by the heads, skipping bytes that are the same everywhere. */
  private void radix(int from, int to, long[] tmpHeads, int[] tmpOffsets, int[][] counts) {
    int n = to - from;
    for (int[] c : counts) {
      Arrays.fill(c, 0);
    }
    for (int i = from; i < to; i++) {
      long h = heads[i];
      for (int b = 0; b < 8; b++) {
        counts[b][(int) (h >>> (8 * b)) & 0xFF]++;
      }
    }
    for (int b = 0; b < 8; b++) {
      int[] c = counts[b];
      int shift = 8 * b;
      if (c[(int) (heads[from] >>> shift) & 0xFF] == n) {
        continue; // this byte is the same in every key
      }
      int sum = 0;
      for (int v = 0; v < 256; v++) {
        int k = c[v];
        c[v] = sum;
        sum += k;
      }
      for (int i = from; i < to; i++) {
        long h = heads[i];
        int at = c[(int) (h >>> shift) & 0xFF]++;
        tmpHeads[at] = h;
        tmpOffsets[at] = offsets[i];
      }
      System.arraycopy(tmpHeads, 0, heads, from, n);
      System.arraycopy(tmpOffsets, 0, offsets, from, n);
    }
  }

  private void insertionSort(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long h = heads[i];
      int o = offsets[i];
      int j = i - 1;
      while (j >= from && compare(offsets[j], o) > 0) {
        heads[j + 1] = heads[j];
        offsets[j + 1] = offsets[j];
        j--;
      }
      heads[j + 1] = h;
      offsets[j + 1] = o;
    }
  }

  private int compare(int a, int b) {
    return Arrays.compareUnsigned(data, a + HEADER, a + HEADER + lengthOfKeyAt(a),
        data, b + HEADER, b + HEADER + lengthOfKeyAt(b));
  }

  /** Key bytes [depth, depth + 8) of the entry at {@code at}, big-endian, zero-padded. */
  private long window(int at, int depth) {
    return window(data, at + HEADER, lengthOfKeyAt(at), depth);
  }

  /**
   * Bytes [depth, depth + 8) of the key {@code b[from, from + length)} as a long, big-endian,
   * zero-padded past the key's end: unsigned order of windows is byte order of keys (the radix
   * sort here, the merge's tree of losers).
   */
  static long window(byte[] b, int from, int length, int depth) {
    int n = Math.min(8, length - depth);
    if (n <= 0) {
      return 0;
    }
    long h = 0;
    for (int i = from + depth; i < from + depth + n; i++) {
      h = (h << 8) | (b[i] & 0xFF);
    }
    return h << (8 * (8 - n));
  }

  private static long getLong(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      b[at + i] = (byte) v;
      v >>>= 8;
    }
  }
}
