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

class SignedLongCodecTest {

  static final List<Long> BOUNDARIES = List.of(
      Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 32), -(1L << 31) - 1, -(1L << 31),
      -256L, -255L, -129L, -128L, -2L, -1L, 0L, 1L, 127L, 128L, 255L, 256L,
      (1L << 31) - 1, 1L << 31, 1L << 32, Long.MAX_VALUE - 1, Long.MAX_VALUE);

  @Test
  void boundaryTableSortsSigned() {
    assertOrderPreservedForAllPairs(BOUNDARIES, SignedLongCodec::encode, Long::compare);
  }

  @Test
  void boundaryTableRoundTripsInEightBytes() {
    for (long v : BOUNDARIES) {
      byte[] encoded = SignedLongCodec.encode(v);
      assertEquals(8, encoded.length);
      assertEquals(v, SignedLongCodec.read(encoded, 0), "round trip of " + v);
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0, 0, 0, 0, 0, 0, 0, 0), SignedLongCodec.encode(Long.MIN_VALUE));
    assertArrayEquals(
        bytes(0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), SignedLongCodec.encode(-1));
    assertArrayEquals(bytes(0x80, 0, 0, 0, 0, 0, 0, 0), SignedLongCodec.encode(0));
    assertArrayEquals(bytes(0x80, 0, 0, 0, 0, 0, 1, 0), SignedLongCodec.encode(256));
    assertArrayEquals(
        bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
        SignedLongCodec.encode(Long.MAX_VALUE));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[12];
    assertEquals(11, SignedLongCodec.write(buf, 3, -42));
    assertEquals(0, buf[2]);
    assertEquals(0, buf[11]);
    assertEquals(-42, SignedLongCodec.read(buf, 3));
  }

  @Test
  void randomValues() {
    Random random = new Random(0x5eed_0004L);
    List<Long> values = new ArrayList<>(BOUNDARIES);
    for (int i = 0; i < 5_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      values.add(v);
      assertEquals(v, SignedLongCodec.read(SignedLongCodec.encode(v), 0));
    }
    assertOrderPreservedForRandomPairs(
        values, SignedLongCodec::encode, Long::compare, random, 200_000);
  }
}
