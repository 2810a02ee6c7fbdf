package io.nereid.graph.load;

/**
 * A Bloom filter of 64-bit hashes whose bits for one hash all lie in one 512-bit block (a cache
 * line): a test or an add costs one cache miss, however many bits it sets.
 *
 * <p>Why it must be precise: a false positive for a new edge id makes the loader read the store,
 * and a store read waits for the batch in flight to commit, so the loader's thread and the
 * committer stop overlapping. With one 64-bit word per id and 4 bits (the earlier filter), an
 * 11-million-edge load made a false positive every few thousand edges, that is in nearly every
 * batch. Here the block is chosen by the hash's high half and the bit positions come from two
 * further mixes of the whole hash (9 bits each, up to 126 bits), so that ids whose bits coincide
 * by their hashes alone are as rare as the filter's own false positives; with about 100 bits per
 * id and 14 bits set, those are near 1 in 10^9 ({@code BlockedBloomFilterTest} measures them).
 */
final class BlockedBloomFilter {

  private static final int BLOCK_WORDS = 8;
  /** Seven 9-bit positions per mixed long, two mixes. */
  static final int MAX_HASHES = 14;

  private final long[] words;
  private final long blocks;
  private final int hashes;

  /**
   * {@code bits}: the filter's size (rounded down to whole blocks, at least one); {@code
   * expected}: about how many hashes it will hold, which sets the number of bits per hash
   * ({@code ln 2} times bits per entry, 1 to {@value #MAX_HASHES}).
   */
  BlockedBloomFilter(long bits, long expected) {
    long b = Math.max(1, Math.min((Integer.MAX_VALUE - 8) / BLOCK_WORDS, bits / 512));
    this.blocks = b;
    this.words = new long[(int) b * BLOCK_WORDS];
    double perEntry = (double) b * 512 / Math.max(1, expected);
    this.hashes = (int) Math.max(1, Math.min(MAX_HASHES, Math.round(Math.log(2) * perEntry)));
  }

  int hashes() {
    return hashes;
  }

  void add(long h) {
    int base = base(h);
    long g = mix(h);
    for (int i = 0; i < hashes; i++) {
      if (i == 7) {
        g = mix(g);
      }
      int pos = (int) (g >>> (9 * (i % 7))) & 511;
      words[base + (pos >>> 6)] |= 1L << pos;
    }
  }

  /** False when {@code h} was certainly never added. */
  boolean mayContain(long h) {
    int base = base(h);
    long g = mix(h);
    for (int i = 0; i < hashes; i++) {
      if (i == 7) {
        g = mix(g);
      }
      int pos = (int) (g >>> (9 * (i % 7))) & 511;
      if ((words[base + (pos >>> 6)] & (1L << pos)) == 0) {
        return false;
      }
    }
    return true;
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
