package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.nereid.kv.KeyRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Keys built field by field must sort like the tuples of their fields. */
class CompositeKeyTest {

  record Tuple(long id, String name, long weight) {
    byte[] key() {
      return new KeyBuilder().varint(id).string(name).signedLong(weight).build();
    }

    /** The key of (id, name) alone: the prefix of every key that starts with those two fields. */
    byte[] prefix() {
      return new KeyBuilder().varint(id).string(name).build();
    }
  }

  static final Comparator<Tuple> TUPLE_ORDER = Comparator.comparingLong(Tuple::id)
      .thenComparing(Tuple::name, StringCodecTest::compareCodePoints)
      .thenComparingLong(Tuple::weight);

  private static final long[] IDS = {0, 240, 241, 2287, 2288, 1L << 32, Long.MAX_VALUE};
  private static final String[] NAMES = {
    "", "\u0000", "a", "a\u0000", "a\u0000b", "ab", "\uffff", "\ud800\udc00"};
  private static final long[] WEIGHTS = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE};

  static List<Tuple> boundaryTuples() {
    List<Tuple> tuples = new ArrayList<>();
    for (long id : IDS) {
      for (String name : NAMES) {
        for (long weight : WEIGHTS) {
          tuples.add(new Tuple(id, name, weight));
        }
      }
    }
    return tuples;
  }

  @Test
  void boundaryTuplesSortLikeTupleCompare() {
    assertOrderPreservedForAllPairs(boundaryTuples(), Tuple::key, TUPLE_ORDER);
  }

  @Test
  void boundaryTuplesReadBack() {
    for (Tuple t : boundaryTuples()) {
      KeyReader reader = new KeyReader(t.key());
      assertEquals(t, new Tuple(reader.varint(), reader.string(), reader.signedLong()));
      assertFalse(reader.hasRemaining());
    }
  }

  /**
   * A prefix scan over (id, name) finds exactly the keys with that id and name: a shorter name
   * ("a") must not pick up keys of a longer one ("ab", "a\0"), which is what the string terminator
   * is for.
   */
  @Test
  void prefixRangeHoldsExactlyTheTuplesWithThoseLeadingFields() {
    List<Tuple> tuples = boundaryTuples();
    for (Tuple a : tuples) {
      KeyRange range = KeyRange.prefix(a.prefix());
      for (Tuple b : tuples) {
        boolean sameLead = a.id() == b.id() && a.name().equals(b.name());
        assertEquals(sameLead, range.contains(b.key()), a + " prefix vs " + b);
      }
    }
  }

  @Test
  void mixedFieldTypesSortLikeTupleCompare() {
    record Mixed(int tag, double score, float ratio, int rank) {}
    Comparator<Mixed> order = Comparator.comparingInt(Mixed::tag)
        .thenComparing(Mixed::score, Double::compare)
        .thenComparing(Mixed::ratio, Float::compare)
        .thenComparingInt(Mixed::rank);
    List<Mixed> table = new ArrayList<>();
    for (int tag : new int[] {0, 0x7f, 0x80, 0xff}) {
      for (double score : new double[] {Double.NEGATIVE_INFINITY, -1, -0.0, 0.0, 1, Double.NaN}) {
        for (float ratio : new float[] {-1f, -0.0f, 0.0f, Float.MIN_VALUE}) {
          for (int rank : new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}) {
            table.add(new Mixed(tag, score, ratio, rank));
          }
        }
      }
    }
    assertOrderPreservedForAllPairs(
        table,
        m -> new KeyBuilder().byteValue(m.tag()).doubleValue(m.score()).floatValue(m.ratio())
            .signedInt(m.rank()).build(),
        order);
  }

  @Test
  void randomTuples() {
    Random random = new Random(0x5eed_000bL);
    String[] pieces = {"", "a", "b", "\u0000", "\u00e9", "\uffff", "\ud83d\ude00"};
    List<Tuple> tuples = boundaryTuples();
    for (int i = 0; i < 3_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int k = random.nextInt(4); k > 0; k--) {
        name.append(pieces[random.nextInt(pieces.length)]);
      }
      Tuple t = new Tuple(
          random.nextInt(3) == 0 ? random.nextInt(3) : random.nextLong() >>> 1 + random.nextInt(63),
          name.toString(),
          random.nextInt(3) == 0 ? random.nextInt(3) - 1 : random.nextLong());
      tuples.add(t);
      KeyReader reader = new KeyReader(t.key());
      assertEquals(t, new Tuple(reader.varint(), reader.string(), reader.signedLong()));
    }
    assertOrderPreservedForRandomPairs(tuples, Tuple::key, TUPLE_ORDER, random, 200_000);
  }
}
