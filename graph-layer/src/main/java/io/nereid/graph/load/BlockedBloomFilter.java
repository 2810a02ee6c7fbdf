package io.nereid.graph.load;

/**
 * A Bloom filter of 64-bit hashes whose bits for one hash lie in two 64-bit words of one 512-bit
 * block (a cache line): a test costs one cache miss, an add one miss and two stores, however many
 * bits it sets.
 *
 * <p>Why it must be precise: a false positive for a new edge id makes the loader read the store,
 * and a store read waits for the batches in flight to commit, so the loader's thread and the
 * committer stop overlapping. With 4 bits in one 64-bit word per id (the earlier filter), an
 * 11-million-edge load made a false positive every 15,000 edges, about ten per batch. Why two
 * words and not a bit per word of the block: each store to a line not yet in the cache holds a
 * slot of the core's store buffer until the line arrives, so 14 stores per id made adding the
 * edges of a batch three times as slow as two. The block is chosen by the hash's high half; the
 * words and the bits in them come from two further mixes of the whole hash, so ids whose bits
 * coincide by their hashes alone are as rare as the filter's own false positives; with about 100
 * bits per id and 14 bits set, those are about 1 in 10^8 ({@code BlockedBloomFilterTest}
 * measures them).
 */
final class BlockedBloomFilter {

  private static final int BLOCK_WORDS = 8;
  /** Seven 6-bit positions in each of the two words. */
  static final int MAX_HASHES = 14;

  private final long[] words;
  private final long blocks;
  private final int hashes;
  /** Bits set in the first word; the rest in the second. */
  private final int firstBits;

  /**
   * {@code bits}: the filter's size (rounded down to whole blocks, at least one); {@code
   * expected}: about how many hashes it will hold, which sets the number of bits per hash
   * ({@code ln 2} times bits per entry, 2 to {@value #MAX_HASHES}).
   */
  BlockedBloomFilter(long bits, long expected) {
    long b = Math.max(1, Math.min((Integer.MAX_VALUE - 8) / BLOCK_WORDS, bits / 512));
    this.blocks = b;
    this.words = new long[(int) b * BLOCK_WORDS];
    double perEntry = (double) b * 512 / Math.max(1, expected);
    this.hashes = (int) Math.max(2, Math.min(MAX_HASHES, Math.round(Math.log(2) * perEntry)));
    this.firstBits = (hashes + 1) / 2;
  }

  int hashes() {
    return hashes;
  }

  void add(long h) {
    int base = base(h);
    long g1 = mix(h);
    long g2 = mix(g1);
    words[base + word(g1)] |= mask(g1, firstBits);
    words[base + otherWord(g1, g2)] |= mask(g2, hashes - firstBits);
  }

  /** False when {@code h} was certainly never added. */
  boolean mayContain(long h) {
    int base = base(h);
    long g1 = mix(h);
    long m1 = mask(g1, firstBits);
    if ((words[base + word(g1)] & m1) != m1) {
      return false;
    }
    long g2 = mix(g1);
    long m2 = mask(g2, hashes - firstBits);
    return (words[base + otherWord(g1, g2)] & m2) == m2;
  }

  /** {@code n} bits (at most 7) at positions from {@code g}'s low 42 bits, 6 bits each. */
  private static long mask(long g, int n) {
    long m = 0;
    for (int i = 0; i < n; i++, g >>>= 6) {
      m |= 1L << g;
    }
    return m;
  }

  /** The first word of the block: bits 42-44 of the first mix. */
  private static int word(long g1) {
    return (int) (g1 >>> 42) & 7;
  }

  /** Another word of the block than {@link #word}: 1 to 7 words after it, from the second mix. */
  private static int otherWord(long g1, long g2) {
    return (word(g1) + 1 + (int) Long.remainderUnsigned(g2 >>> 42, 7)) & 7;
  }

  /** The first word of {@code h}'s block: its high half scaled to the block count. */
  private int base(long h) {
    return (int) (((h >>> 32) * blocks) >>> 32) * BLOCK_WORDS;
  }

  /** SplitMix64's finalizer: positions independent of the bits that chose the block. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
