package io.nereid.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The data every implementation loads and reads: {@code n} entries with 16-byte keys (8-byte
 * big-endian id, then 8 bytes derived from it) in ascending order, and values of pseudo-random bytes.
 * Generated the same from the same parameters, so forked JVMs work on identical data.
 */
final class Dataset {

  static final int KEY_BYTES = 16;

  final int n;
  final int scanLength;
  /** Keys in ascending unsigned order: {@code keys[i]} is the key of id {@code i}. */
  final byte[][] keys;

  final byte[][] values;
  /** Ids to get, in order (uniformly random, fixed seed). */
  final int[] getIds;
  /** First id of each range scan; the scan covers {@code [keys[s], keys[s + scanLength])}. */
  final int[] scanStarts;

  private Dataset(KvParams p) {
    n = p.n();
    scanLength = p.scanLength();
    keys = new byte[n][];
    values = new byte[n][];
    // Values: slices of a pool of random bytes at random offsets (fast, and all different).
    SplittableRandom valueRnd = new SplittableRandom(p.seed() ^ 0x5DEECE66DL);
    byte[] pool = new byte[(1 << 20) + p.valueBytes()];
    valueRnd.nextBytes(pool);
    for (int i = 0; i < n; i++) {
      keys[i] = key(i);
      int off = valueRnd.nextInt(1 << 20);
      byte[] v = Arrays.copyOfRange(pool, off, off + p.valueBytes());
      if (v.length >= 8) {
        putLong(v, 0, i ^ 0x6A09E667F3BCC908L);
      }
      values[i] = v;
    }
    SplittableRandom rnd = new SplittableRandom(p.seed());
    getIds = new int[p.gets()];
    for (int i = 0; i < getIds.length; i++) {
      getIds[i] = rnd.nextInt(n);
    }
    scanStarts = new int[p.scans()];
    for (int i = 0; i < scanStarts.length; i++) {
      scanStarts[i] = rnd.nextInt(n - scanLength);
    }
  }

  static Dataset generate(KvParams p) {
    return new Dataset(p);
  }

  /** Key of data-set entry {@code id}: big-endian id, then a 64-bit mix of it. */
  static byte[] key(long id) {
    byte[] k = new byte[KEY_BYTES];
    putLong(k, 0, id);
    putLong(k, 8, mix(id));
    return k;
  }

  /**
   * Key of the {@code seq}-th commit of writer {@code writer} in the durable-commit phases: every
   * writer has keys of its own, so concurrent writers never conflict.
   */
  static byte[] commitKey(int writer, long seq) {
    byte[] k = new byte[KEY_BYTES];
    putLong(k, 0, writer);
    putLong(k, 8, seq);
    return k;
  }

  static void putLong(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Checksum term of one got value; every implementation computes the same terms. */
  static long getTerm(int valueLength, int lastValueByte) {
    return valueLength + lastValueByte;
  }

  /** Checksum term of one scanned entry. */
  static long entryTerm(int lastKeyByte, int valueLength, int lastValueByte) {
    return 31L * lastKeyByte + valueLength + lastValueByte;
  }
}
