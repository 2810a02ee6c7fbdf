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

class FloatCodecTest {

  private static final float LARGEST_SUBNORMAL = Math.nextDown(Float.MIN_NORMAL);
  private static final int CANONICAL_NAN_BITS = 0x7fc0_0000;

  static final List<Float> OTHER_NANS = List.of(
      Float.intBitsToFloat(0x7f80_0001), // signalling, smallest payload
      Float.intBitsToFloat(0x7fff_ffff),
      Float.intBitsToFloat(0xffc0_0000), // sign bit set
      Float.intBitsToFloat(0xffff_ffff));

  static List<Float> boundaries() {
    List<Float> table = new ArrayList<>(List.of(
        Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1e30f, -2.0f, -Math.nextUp(1.0f), -1.0f,
        -Math.nextDown(1.0f), -Float.MIN_NORMAL, -LARGEST_SUBNORMAL, -2 * Float.MIN_VALUE,
        -Float.MIN_VALUE, -0.0f, 0.0f, Float.MIN_VALUE, 2 * Float.MIN_VALUE, LARGEST_SUBNORMAL,
        Float.MIN_NORMAL, Math.nextDown(1.0f), 1.0f, Math.nextUp(1.0f), 2.0f, 1e30f,
        Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN));
    table.addAll(OTHER_NANS);
    return table;
  }

  @Test
  void boundaryTableSortsLikeFloatCompare() {
    assertOrderPreservedForAllPairs(boundaries(), FloatCodec::encode, Float::compare);
  }

  @Test
  void boundaryTableRoundTripsInFourBytes() {
    for (float v : boundaries()) {
      byte[] encoded = FloatCodec.encode(v);
      assertEquals(4, encoded.length);
      float back = FloatCodec.read(encoded, 0);
      assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(back), show(v));
    }
  }

  @Test
  void negativeZeroIsDistinctAndFirst() {
    byte[] negative = FloatCodec.encode(-0.0f);
    assertTrue(Arrays.compareUnsigned(negative, FloatCodec.encode(0.0f)) < 0);
    assertEquals(Float.floatToRawIntBits(-0.0f),
        Float.floatToRawIntBits(FloatCodec.read(negative, 0)));
  }

  @Test
  void everyNanDecodesToTheCanonicalNan() {
    for (float nan : OTHER_NANS) {
      assertArrayEquals(FloatCodec.encode(Float.NaN), FloatCodec.encode(nan), show(nan));
      assertEquals(CANONICAL_NAN_BITS,
          Float.floatToRawIntBits(FloatCodec.read(FloatCodec.encode(nan), 0)));
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0x00, 0x7f, 0xff, 0xff), FloatCodec.encode(Float.NEGATIVE_INFINITY));
    assertArrayEquals(bytes(0x40, 0x7f, 0xff, 0xff), FloatCodec.encode(-1.0f));
    assertArrayEquals(bytes(0x7f, 0xff, 0xff, 0xff), FloatCodec.encode(-0.0f));
    assertArrayEquals(bytes(0x80, 0, 0, 0), FloatCodec.encode(0.0f));
    assertArrayEquals(bytes(0xbf, 0x80, 0, 0), FloatCodec.encode(1.0f));
    assertArrayEquals(bytes(0xff, 0x80, 0, 0), FloatCodec.encode(Float.POSITIVE_INFINITY));
    assertArrayEquals(bytes(0xff, 0xc0, 0, 0), FloatCodec.encode(Float.NaN));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[6];
    assertEquals(5, FloatCodec.write(buf, 1, -2.5f));
    assertEquals(0, buf[0]);
    assertEquals(0, buf[5]);
    assertEquals(-2.5f, FloatCodec.read(buf, 1));
  }

  @Test
  void randomBitPatterns() {
    Random random = new Random(0x5eed_0009L);
    List<Float> values = boundaries();
    for (int i = 0; i < 5_000; i++) {
      float v = random.nextBoolean()
          ? Float.intBitsToFloat(random.nextInt())
          : (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(20) - 10));
      values.add(v);
      float back = FloatCodec.read(FloatCodec.encode(v), 0);
      assertEquals(Float.floatToIntBits(v), Float.floatToIntBits(back), show(v));
    }
    assertOrderPreservedForRandomPairs(values, FloatCodec::encode, Float::compare, random, 200_000);
  }
}
