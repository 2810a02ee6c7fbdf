package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The loader's filter of edge ids: never a false negative, and false positives at the rate its
 * sizing promises, for ids shaped like a real load's ({@code k0, k1, ...}, hashed by {@link
 * KnownIds#hash}). A false positive costs the loader a wait for the batch in flight, so the rate
 * matters as much as the absence of false negatives.
 */
class BlockedBloomFilterTest {

  @Test
  void holdsEveryAddedIdAndFewOthersAtAboutHundredBitsPerId() {
    int n = 200_000;
    BlockedBloomFilter f = new BlockedBloomFilter(1L << 24, n / 2); // 84 bits per id
    assertEquals(BlockedBloomFilter.MAX_HASHES, f.hashes());
    addAndFindAll(f, "k", n);
    int tests = 5_000_000;
    int falsePositives = falsePositives(f, "e", tests);
    // about 1e-8 per test here (84 bits per id, 14 bits in two words): 0.05 expected in 5 million
    assertTrue(falsePositives <= 2, falsePositives + " false positives in " + tests);
  }

  @Test
  void aCrowdedFilterStillBehavesLikeABloomFilter() {
    int n = 100_000;
    BlockedBloomFilter f = new BlockedBloomFilter(1_000_000, n); // 10 bits per id: 7 bits
    assertEquals(7, f.hashes());
    addAndFindAll(f, "v", n);
    int tests = 1_000_000;
    int falsePositives = falsePositives(f, "w", tests);
    // an unblocked filter with these figures makes 0.8 %; blocking costs a little more
    assertTrue(falsePositives < tests * 0.02, falsePositives + " false positives in " + tests);
  }

  /** Adds ids {@code prefix0 .. prefix(n-1)}, then checks that every one of them is found. */
  private static void addAndFindAll(BlockedBloomFilter f, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      f.add(KnownIds.hash(prefix + i));
    }
    for (int i = 0; i < n; i++) {
      assertTrue(f.mayContain(KnownIds.hash(prefix + i)), prefix + i);
    }
  }

  /** How many of ids {@code prefix0 .. prefix(tests-1)}, never added, the filter may contain. */
  private static int falsePositives(BlockedBloomFilter f, String prefix, int tests) {
    int n = 0;
    for (int i = 0; i < tests; i++) {
      n += f.mayContain(KnownIds.hash(prefix + i)) ? 1 : 0;
    }
    return n;
  }

  @Test
  void theSmallestFilterHasOneBlock() {
    BlockedBloomFilter f = new BlockedBloomFilter(64, 1);
    f.add(42);
    assertTrue(f.mayContain(42));
  }
}
