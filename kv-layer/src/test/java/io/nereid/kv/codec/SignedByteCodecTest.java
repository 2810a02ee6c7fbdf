package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedByteCodecTest {

  /** The whole domain is the boundary table: all 256 x 256 pairs. */
  static List<Byte> allBytes() {
    List<Byte> all = new ArrayList<>();
    for (int i = Byte.MIN_VALUE; i <= Byte.MAX_VALUE; i++) {
      all.add((byte) i);
    }
    return all;
  }

  @Test
  void everyPairSortsSigned() {
    assertOrderPreservedForAllPairs(allBytes(), SignedByteCodec::encode, Byte::compare);
  }

  @Test
  void everyValueRoundTripsInOneByte() {
    for (byte v : allBytes()) {
      byte[] encoded = SignedByteCodec.encode(v);
      assertEquals(1, encoded.length);
      assertEquals(v, SignedByteCodec.read(encoded, 0), "round trip of " + v);
    }
  }

  @Test
  void knownEncodings() {
    assertEquals(0x00, SignedByteCodec.encode(Byte.MIN_VALUE)[0] & 0xff);
    assertEquals(0x7f, SignedByteCodec.encode((byte) -1)[0] & 0xff);
    assertEquals(0x80, SignedByteCodec.encode((byte) 0)[0] & 0xff);
    assertEquals(0xff, SignedByteCodec.encode(Byte.MAX_VALUE)[0] & 0xff);
  }

  @Test
  void writeAtOffsetReturnsTheEnd() {
    byte[] buf = new byte[3];
    assertEquals(2, SignedByteCodec.write(buf, 1, (byte) -42));
    assertEquals(0, buf[0]);
    assertEquals(0, buf[2]);
    assertEquals(-42, SignedByteCodec.read(buf, 1));
  }

  @Test
  void randomPairs() {
    assertOrderPreservedForRandomPairs(
        allBytes(), SignedByteCodec::encode, Byte::compare, new Random(0x5eed_0007L), 50_000);
  }
}
