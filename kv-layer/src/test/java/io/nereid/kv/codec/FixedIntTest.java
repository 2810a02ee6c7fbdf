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

class FixedIntTest {

  static final List<Integer> BOUNDARIES = List.of(
      0, 1, 0x7f, 0x80, 0xff, 0x100, 0xffff, 0x10000, 0xff_ffff, 0x100_0000,
      0x00ff_00ff, Integer.MAX_VALUE,
      Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 0xff00_ff00, -2, -1);

  @Test
  void boundaryTableSortsUnsigned() {
    assertOrderPreservedForAllPairs(BOUNDARIES, FixedInt::encode, Integer::compareUnsigned);
  }

  @Test
  void boundaryTableRoundTripsInFourBytes() {
    for (int v : BOUNDARIES) {
      byte[] encoded = FixedInt.encode(v);
      assertEquals(4, encoded.length);
      assertEquals(v, FixedInt.read(encoded, 0), "round trip of " + Integer.toUnsignedString(v));
    }
  }

  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0, 0, 0, 1), FixedInt.encode(1));
    assertArrayEquals(bytes(1, 2, 3, 4), FixedInt.encode(0x0102_0304));
    assertArrayEquals(bytes(0x80, 0, 0, 0), FixedInt.encode(Integer.MIN_VALUE));
    assertArrayEquals(bytes(0xff, 0xff, 0xff, 0xff), FixedInt.encode(-1));
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[7];
    buf[6] = 0x33;
    assertEquals(6, FixedInt.write(buf, 2, 0xfedc_ba98));
    assertEquals(0, buf[1]);
    assertEquals(0x33, buf[6]);
    assertEquals(0xfedc_ba98, FixedInt.read(buf, 2));
  }

  @Test
  void randomValues() {
    Random random = new Random(0x5eed_0003L);
    List<Integer> values = new ArrayList<>(BOUNDARIES);
    for (int i = 0; i < 5_000; i++) {
      int v = random.nextInt() >>> random.nextInt(32);
      values.add(random.nextBoolean() ? v : -v);
      assertEquals(v, FixedInt.read(FixedInt.encode(v), 0));
    }
    assertOrderPreservedForRandomPairs(
        values, FixedInt::encode, Integer::compareUnsigned, random, 200_000);
  }
}
