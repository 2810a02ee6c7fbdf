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

class SignedIntCodecTest {

  static final List<Integer> BOUNDARIES = List.of(
      Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65536, -32769, -32768, -256, -255, -129, -128,
      -2, -1, 0, 1, 127, 128, 255, 256, 32767, 32768, 65536,
      Integer.MAX_VALUE - 1, Integer.MAX_VALUE);

  @Test
  void boundaryTableSortsSigned() {
    assertOrderPreservedForAllPairs(BOUNDARIES, SignedIntCodec::encode, Integer::compare);
  }

  @Test
  void boundaryTableRoundTripsInFourBytes() {
    for (int v : BOUNDARIES) {
      byte[] encoded = SignedIntCodec.encode(v);
      assertEquals(4, encoded.length);
      assertEquals(v, SignedIntCodec.read(encoded, 0), "round trip of " + v);
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0, 0, 0, 0), SignedIntCodec.encode(Integer.MIN_VALUE));
    assertArrayEquals(bytes(0x7f, 0xff, 0xff, 0xff), SignedIntCodec.encode(-1));
    assertArrayEquals(bytes(0x80, 0, 0, 0), SignedIntCodec.encode(0));
    assertArrayEquals(bytes(0x80, 0, 1, 0), SignedIntCodec.encode(256));
    assertArrayEquals(bytes(0xff, 0xff, 0xff, 0xff), SignedIntCodec.encode(Integer.MAX_VALUE));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[8];
    assertEquals(7, SignedIntCodec.write(buf, 3, -42));
    assertEquals(0, buf[2]);
    assertEquals(0, buf[7]);
    assertEquals(-42, SignedIntCodec.read(buf, 3));
  }

  @Test
  void randomValues() {
    Random random = new Random(0x5eed_0005L);
    List<Integer> values = new ArrayList<>(BOUNDARIES);
    for (int i = 0; i < 5_000; i++) {
      int v = random.nextInt() >> random.nextInt(32);
      values.add(v);
      assertEquals(v, SignedIntCodec.read(SignedIntCodec.encode(v), 0));
    }
    assertOrderPreservedForRandomPairs(
        values, SignedIntCodec::encode, Integer::compare, random, 200_000);
  }
}
