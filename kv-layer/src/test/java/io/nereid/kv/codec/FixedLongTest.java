package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static io.nereid.kv.codec.OrderAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedLongTest {

  /** Unsigned boundaries: byte and int edges, and negative longs, the largest unsigned values. */
  static final List<Long> BOUNDARIES = List.of(
      0L, 1L, 0x7fL, 0x80L, 0xffL, 0x100L, 0xffffL, 0x10000L,
      (long) Integer.MAX_VALUE, 0x8000_0000L, 0xffff_ffffL, 1L << 32,
      0x00ff_00ff_00ff_00ffL, Long.MAX_VALUE,
      Long.MIN_VALUE, Long.MIN_VALUE + 1, 0xff00_ff00_ff00_ff00L, -2L, -1L);

  @Test
  void boundaryTableSortsUnsigned() {
    assertOrderPreservedForAllPairs(BOUNDARIES, FixedLong::encode, Long::compareUnsigned);
  }

  @Test
  void boundaryTableRoundTripsInEightBytes() {
    for (long v : BOUNDARIES) {
      byte[] encoded = FixedLong.encode(v);
      assertEquals(8, encoded.length);
      assertEquals(v, FixedLong.read(encoded, 0), "round trip of " + Long.toUnsignedString(v));
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0, 1), FixedLong.encode(1));
    assertArrayEquals(bytes(1, 2, 3, 4, 5, 6, 7, 8), FixedLong.encode(0x0102_0304_0506_0708L));
    assertArrayEquals(bytes(0x80, 0, 0, 0, 0, 0, 0, 0), FixedLong.encode(Long.MIN_VALUE));
    assertArrayEquals(
        bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), FixedLong.encode(-1));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[11];
    buf[10] = 0x33;
    assertEquals(10, FixedLong.write(buf, 2, 0x0102_0304_0506_0708L));
    assertEquals(0, buf[1]);
    assertEquals(0x33, buf[10]);
    assertEquals(0x0102_0304_0506_0708L, FixedLong.read(buf, 2));
  }

  @Test
  void randomValues() {
    Random random = new Random(0x5eed_0002L);
    List<Long> values = new ArrayList<>(BOUNDARIES);
    for (int i = 0; i < 5_000; i++) {
      long v = random.nextLong() >>> random.nextInt(64);
      values.add(random.nextBoolean() ? v : -v);
      assertEquals(v, FixedLong.read(FixedLong.encode(v), 0));
    }
    assertOrderPreservedForRandomPairs(
        values, FixedLong::encode, Long::compareUnsigned, random, 200_000);
  }
}
