package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loader's graph-wide counters count like a map from (counter, term, partition) to a number,
 * across the growth of their table (hundreds of terms) and when one set is added to another.
 */
class TotalCountsTest {

  private static final int PARTITIONS = 8;

  @Test
  void countsLikeAMapAndAddsUp() {
    TotalCounts a = new TotalCounts(PARTITIONS);
    TotalCounts b = new TotalCounts(PARTITIONS);
    Map<String, Long> expected = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 100_000; i++) {
      int counter = rnd.nextInt(6);
      long term = rnd.nextInt(300) * 0x10000L; // terms that share their low bits
      int p = rnd.nextInt(PARTITIONS);
      (rnd.nextBoolean() ? a : b).increment(counter, term, p);
      expected.merge(counter + "/" + term + "/" + p, 1L, Long::sum);
    }
    a.add(b);
    for (int counter = 0; counter < 6; counter++) {
      for (int t = 0; t < 301; t++) {
        for (int p = 0; p < PARTITIONS; p++) {
          long term = t * 0x10000L;
          assertEquals(expected.getOrDefault(counter + "/" + term + "/" + p, 0L),
              a.count(counter, term, p), counter + "/" + term + "/" + p);
        }
      }
    }
  }
}
