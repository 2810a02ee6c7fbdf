package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static io.nereid.kv.codec.OrderAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UnsignedVarintTest {

  /** Each boundary of the length table, with the encoded length it must have. */
  private static final long[][] BOUNDARY_AND_LENGTH = {
    {0, 1}, {1, 1}, {240, 1},
    {241, 2}, {2287, 2},
    {2288, 3}, {67823, 3},
    {67824, 4}, {(1L << 24) - 1, 4},
    {1L << 24, 5}, {(1L << 32) - 1, 5},
    {1L << 32, 6}, {(1L << 40) - 1, 6},
    {1L << 40, 7}, {(1L << 48) - 1, 7},
    {1L << 48, 8}, {(1L << 56) - 1, 8},
    {1L << 56, 9}, {Long.MAX_VALUE, 9},
  };

  private static List<Long> boundaries() {
    List<Long> table = new ArrayList<>();
    for (long[] row : BOUNDARY_AND_LENGTH) {
      table.add(row[0]);
    }
    return table;
  }

  @Test
  void boundaryTableSortsLikeTheNumbers() {
    assertOrderPreservedForAllPairs(boundaries(), UnsignedVarint::encode, Long::compare);
  }

  @Test
  void boundaryTableRoundTripsWithItsLengths() {
    for (long[] row : BOUNDARY_AND_LENGTH) {
      long v = row[0];
      int length = (int) row[1];
      byte[] encoded = UnsignedVarint.encode(v);
      assertEquals(length, encoded.length, "encoded length of " + v);
      assertEquals(length, UnsignedVarint.encodedLength(v), "encodedLength of " + v);
      assertEquals(length, UnsignedVarint.lengthAt(encoded, 0), "lengthAt of " + v);
      assertEquals(v, UnsignedVarint.read(encoded, 0), "round trip of " + v);
    }
  }

  /** The format is on disk: these bytes must never change. */
  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0), UnsignedVarint.encode(0));
    assertArrayEquals(bytes(240), UnsignedVarint.encode(240));
    assertArrayEquals(bytes(241, 1), UnsignedVarint.encode(241));
    assertArrayEquals(bytes(241, 255), UnsignedVarint.encode(495));
    assertArrayEquals(bytes(242, 0), UnsignedVarint.encode(496));
    assertArrayEquals(bytes(248, 255), UnsignedVarint.encode(2287));
    assertArrayEquals(bytes(249, 0, 0), UnsignedVarint.encode(2288));
    assertArrayEquals(bytes(249, 255, 255), UnsignedVarint.encode(67823));
    assertArrayEquals(bytes(250, 1, 8, 240), UnsignedVarint.encode(67824));
    assertArrayEquals(bytes(251, 1, 0, 0, 0), UnsignedVarint.encode(1L << 24));
    assertArrayEquals(
        bytes(255, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
        UnsignedVarint.encode(Long.MAX_VALUE));
  }

  @Test
  void writeAtOffsetLeavesNeighboursAlone() {
    byte[] buf = new byte[12];
    Arrays.fill(buf, (byte) 0x5a);
    int end = UnsignedVarint.write(buf, 2, 1L << 32);
    assertEquals(8, end);
    assertEquals(0x5a, buf[1]);
    assertEquals(0x5a, buf[8]);
    assertEquals(6, UnsignedVarint.lengthAt(buf, 2));
    assertEquals(1L << 32, UnsignedVarint.read(buf, 2));
  }

  @Test
  void rejectsNegativeValues() {
    assertThrows(IllegalArgumentException.class, () -> UnsignedVarint.encode(-1));
    assertThrows(IllegalArgumentException.class, () -> UnsignedVarint.encodedLength(-1));
    assertThrows(
        IllegalArgumentException.class, () -> UnsignedVarint.write(new byte[9], 0, Long.MIN_VALUE));
  }

  /** An overlong form would sort out of place; decoding must refuse it rather than accept it. */
  @Test
  void rejectsNonCanonicalEncodings() {
    assertThrows(IllegalArgumentException.class, () -> UnsignedVarint.read(bytes(241, 0), 0));
    assertThrows(IllegalArgumentException.class, () -> UnsignedVarint.read(bytes(250, 0, 0, 5), 0));
    assertThrows(
        IllegalArgumentException.class, () -> UnsignedVarint.read(bytes(250, 1, 8, 239), 0));
    assertThrows(
        IllegalArgumentException.class, () -> UnsignedVarint.read(bytes(251, 0, 255, 255, 255), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> UnsignedVarint.read(bytes(255, 0, 255, 255, 255, 255, 255, 255, 255), 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> UnsignedVarint.read(bytes(255, 0x80, 0, 0, 0, 0, 0, 0, 0), 0));
  }

  /** Every value of the short forms: small enough to check exhaustively. */
  @Test
  void everyValueUpToFourBytesRoundTripsInOrder() {
    byte[] previous = UnsignedVarint.encode(0);
    for (long v = 1; v <= 70_000; v++) {
      byte[] encoded = UnsignedVarint.encode(v);
      assertEquals(v, UnsignedVarint.read(encoded, 0));
      assertEquals(encoded.length, UnsignedVarint.lengthAt(encoded, 0));
      if (Arrays.compareUnsigned(previous, encoded) >= 0) {
        throw new AssertionError("encoding of " + v + " does not sort after " + (v - 1));
      }
      previous = encoded;
    }
  }

  @Test
  void randomValuesOfEveryMagnitude() {
    Random random = new Random(0x5eed_0001L);
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      long v = random.nextLong() >>> (1 + random.nextInt(63));
      values.add(v);
      byte[] encoded = UnsignedVarint.encode(v);
      assertEquals(v, UnsignedVarint.read(encoded, 0));
      assertEquals(UnsignedVarint.encodedLength(v), encoded.length);
    }
    values.addAll(boundaries());
    assertOrderPreservedForRandomPairs(
        values, UnsignedVarint::encode, Long::compare, random, 200_000);
  }
}
