package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static io.nereid.kv.codec.OrderAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedShortCodecTest {

  static final List<Short> BOUNDARIES = List.of(
      Short.MIN_VALUE, (short) (Short.MIN_VALUE + 1), (short) -256, (short) -255, (short) -129,
      (short) -128, (short) -2, (short) -1, (short) 0, (short) 1, (short) 127, (short) 128,
      (short) 255, (short) 256, (short) (Short.MAX_VALUE - 1), Short.MAX_VALUE);

  @Test
  void boundaryTableSortsSigned() {
    assertOrderPreservedForAllPairs(BOUNDARIES, SignedShortCodec::encode, Short::compare);
  }

  @Test
  void boundaryTableRoundTripsInTwoBytes() {
    for (short v : BOUNDARIES) {
      byte[] encoded = SignedShortCodec.encode(v);
      assertEquals(2, encoded.length);
      assertEquals(v, SignedShortCodec.read(encoded, 0), "round trip of " + v);
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0, 0), SignedShortCodec.encode(Short.MIN_VALUE));
    assertArrayEquals(bytes(0x7f, 0xff), SignedShortCodec.encode((short) -1));
    assertArrayEquals(bytes(0x80, 0), SignedShortCodec.encode((short) 0));
    assertArrayEquals(bytes(0x81, 0x02), SignedShortCodec.encode((short) 0x102));
    assertArrayEquals(bytes(0xff, 0xff), SignedShortCodec.encode(Short.MAX_VALUE));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[6];
    assertEquals(5, SignedShortCodec.write(buf, 3, (short) -42));
    assertEquals(0, buf[2]);
    assertEquals(0, buf[5]);
    assertEquals(-42, SignedShortCodec.read(buf, 3));
  }

  /** 65536 values: every one round-trips and sorts strictly after its predecessor. */
  @Test
  void everyValueRoundTripsInOrder() {
    byte[] previous = null;
    for (int i = Short.MIN_VALUE; i <= Short.MAX_VALUE; i++) {
      short v = (short) i;
      byte[] encoded = SignedShortCodec.encode(v);
      assertEquals(v, SignedShortCodec.read(encoded, 0));
      if (previous != null && Arrays.compareUnsigned(previous, encoded) >= 0) {
        throw new AssertionError("encoding of " + v + " does not sort after " + (v - 1));
      }
      previous = encoded;
    }
  }

  @Test
  void randomPairs() {
    Random random = new Random(0x5eed_0006L);
    List<Short> values = new ArrayList<>();
    for (int i = Short.MIN_VALUE; i <= Short.MAX_VALUE; i++) {
      values.add((short) i);
    }
    assertOrderPreservedForRandomPairs(
        values, SignedShortCodec::encode, Short::compare, random, 200_000);
  }
}
