package io.nereid.graph.quad;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nereid.graph.dict.MapDictionary;
import io.nereid.graph.value.ValueCodec;
import io.nereid.graph.value.ValueCodecTest;
import io.nereid.kv.ByteKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per key order: for random quads of every kind, with ids in every varint length class, the byte
 * order of the keys is the lexicographic order of the quads' fields in that order's sequence
 * (numeric ids, kind codes, encoded values), and every key decodes back to its quad.
 */
class KeyOrderSortTest {

  private static final long[] IDS = {
    1, 2, 239, 240, 241, 2287, 2288, 67823, 67824, (1L << 24) - 1, 1L << 24, 1L << 40, Long.MAX_VALUE
  };

  private final ValueCodec values = new ValueCodec(new MapDictionary());

  @ParameterizedTest
  @EnumSource(KeyOrder.class)
  void keysSortLikeTheirFieldTuples(KeyOrder order) {
    Random rnd = new Random(order.ordinal());
    List<Quad> quads = new ArrayList<>();
    while (quads.size() < 2000) {
      Quad q = randomQuad(rnd);
      if (order.holds(q)) {
        quads.add(q);
      }
    }
    List<Quad> byKey = new ArrayList<>(quads);
    byKey.sort((a, b) -> ByteKeys.compare(order.key(a), order.key(b)));
    List<Quad> byFields = new ArrayList<>(quads);
    byFields.sort(fieldOrder(order));
    for (int i = 0; i < quads.size(); i++) {
      assertEquals(0, fieldOrder(order).compare(byKey.get(i), byFields.get(i)), order + " at " + i);
      assertEquals(byKey.get(i), order.decode(order.key(byKey.get(i))));
    }
  }

  private Quad randomQuad(Random rnd) {
    long s = id(rnd);
    long p = rnd.nextInt(3) == 0 ? id(rnd) : 1 + rnd.nextInt(3); // few predicates: many ties
    long g = id(rnd);
    List<Object> type = ValueCodecTest.ASCENDING.get(rnd.nextInt(ValueCodecTest.ASCENDING.size()));
    byte[] o = values.encode(type.get(rnd.nextInt(type.size())));
    return switch (rnd.nextInt(5)) {
      case 0 -> Quad.label(s, p);
      case 1 -> Quad.vertexProperty(s, p, o, g);
      case 2 -> Quad.edge(s, p, rnd.nextBoolean() ? s : id(rnd), g);
      case 3 -> Quad.edgeProperty(s, p, o);
      default -> Quad.metaProperty(s, p, o);
    };
  }

  private static long id(Random rnd) {
    return rnd.nextInt(4) == 0 ? IDS[rnd.nextInt(IDS.length)] : 1 + rnd.nextInt(5);
  }

  /** The reference order: field by field in the order's sequence. */
  private static Comparator<Quad> fieldOrder(KeyOrder order) {
    Comparator<Quad> c = (a, b) -> 0;
    for (char f : order.fieldSequence().toCharArray()) {
      c =
          c.thenComparing(
              switch (f) {
                case 'S' -> Comparator.comparingLong(Quad::s);
                case 'K' -> Comparator.comparingInt(q -> q.kind().code());
                case 'P' -> Comparator.comparingLong(Quad::p);
                case 'O' -> (Comparator<Quad>) KeyOrderSortTest::compareObjects;
                case 'G' -> Comparator.comparingLong(Quad::g);
                default -> throw new IllegalStateException();
              });
    }
    return c;
  }

  /** Objects of the same kind: ids numerically, values by their (separately tested) encoding. */
  private static int compareObjects(Quad a, Quad b) {
    if (a.kind().objectIsId() && b.kind().objectIsId()) {
      return Long.compare(a.objectId(), b.objectId());
    }
    return ByteKeys.compare(a.o(), b.o());
  }
}
