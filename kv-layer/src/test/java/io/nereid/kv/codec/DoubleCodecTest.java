package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static io.nereid.kv.codec.OrderAssertions.bytes;
import static io.nereid.kv.codec.OrderAssertions.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DoubleCodecTest {

  private static final double LARGEST_SUBNORMAL = Math.nextDown(Double.MIN_NORMAL);
  private static final long CANONICAL_NAN_BITS = 0x7ff8_0000_0000_0000L;

  /** NaNs that are not the canonical one: must encode exactly like {@link Double#NaN}. */
  static final List<Double> OTHER_NANS = List.of(
      Double.longBitsToDouble(0x7ff0_0000_0000_0001L), // signalling, smallest payload
      Double.longBitsToDouble(0x7fff_ffff_ffff_ffffL),
      Double.longBitsToDouble(0xfff8_0000_0000_0000L), // sign bit set
      Double.longBitsToDouble(0xffff_ffff_ffff_ffffL));

  static List<Double> boundaries() {
    List<Double> table = new ArrayList<>(List.of(
        Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e300, -2.0, -Math.nextUp(1.0), -1.0,
        -Math.nextDown(1.0), -Double.MIN_NORMAL, -LARGEST_SUBNORMAL, -2 * Double.MIN_VALUE,
        -Double.MIN_VALUE, -0.0, 0.0, Double.MIN_VALUE, 2 * Double.MIN_VALUE, LARGEST_SUBNORMAL,
        Double.MIN_NORMAL, Math.nextDown(1.0), 1.0, Math.nextUp(1.0), 2.0, 1e300,
        Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN));
    table.addAll(OTHER_NANS);
    return table;
  }

  @Test
  void boundaryTableSortsLikeDoubleCompare() {
    assertOrderPreservedForAllPairs(boundaries(), DoubleCodec::encode, Double::compare);
  }

  @Test
  void boundaryTableRoundTripsInEightBytes() {
    for (double v : boundaries()) {
      byte[] encoded = DoubleCodec.encode(v);
      assertEquals(8, encoded.length);
      double back = DoubleCodec.read(encoded, 0);
      // doubleToLongBits tells -0.0 from 0.0 and folds all NaNs together.
      assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), show(v));
    }
  }

  @Test
  void negativeZeroIsDistinctAndFirst() {
    byte[] negative = DoubleCodec.encode(-0.0);
    byte[] positive = DoubleCodec.encode(0.0);
    assertTrue(Arrays.compareUnsigned(negative, positive) < 0);
    assertEquals(Double.doubleToRawLongBits(-0.0),
        Double.doubleToRawLongBits(DoubleCodec.read(negative, 0)));
  }

  @Test
  void everyNanDecodesToTheCanonicalNan() {
    for (double nan : OTHER_NANS) {
      assertArrayEquals(DoubleCodec.encode(Double.NaN), DoubleCodec.encode(nan), show(nan));
      assertEquals(CANONICAL_NAN_BITS,
          Double.doubleToRawLongBits(DoubleCodec.read(DoubleCodec.encode(nan), 0)));
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0x00, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
        DoubleCodec.encode(Double.NEGATIVE_INFINITY));
    assertArrayEquals(bytes(0x40, 0x0f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
        DoubleCodec.encode(-1.0));
    assertArrayEquals(bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
        DoubleCodec.encode(-0.0));
    assertArrayEquals(bytes(0x80, 0, 0, 0, 0, 0, 0, 0), DoubleCodec.encode(0.0));
    assertArrayEquals(bytes(0xbf, 0xf0, 0, 0, 0, 0, 0, 0), DoubleCodec.encode(1.0));
    assertArrayEquals(bytes(0xff, 0xf0, 0, 0, 0, 0, 0, 0),
        DoubleCodec.encode(Double.POSITIVE_INFINITY));
    assertArrayEquals(bytes(0xff, 0xf8, 0, 0, 0, 0, 0, 0), DoubleCodec.encode(Double.NaN));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[10];
    assertEquals(9, DoubleCodec.write(buf, 1, -2.5));
    assertEquals(0, buf[0]);
    assertEquals(0, buf[9]);
    assertEquals(-2.5, DoubleCodec.read(buf, 1));
  }

  /** Random bit patterns reach every exponent, subnormals and NaN payloads included. */
  @Test
  void randomBitPatterns() {
    Random random = new Random(0x5eed_0008L);
    List<Double> values = boundaries();
    for (int i = 0; i < 5_000; i++) {
      double v = random.nextBoolean()
          ? Double.longBitsToDouble(random.nextLong())
          : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
      values.add(v);
      double back = DoubleCodec.read(DoubleCodec.encode(v), 0);
      assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(back), show(v));
    }
    assertOrderPreservedForRandomPairs(
        values, DoubleCodec::encode, Double::compare, random, 200_000);
  }
}
