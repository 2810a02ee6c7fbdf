package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class KeyBuilderTest {

  /** Each method appends exactly its codec's bytes, in call order. */
  @Test
  void appendsEachFieldInItsCodec() {
    KeyBuilder builder = new KeyBuilder()
        .varint(2288)
        .fixedLong(-1)
        .fixedInt(7)
        .signedLong(-5)
        .signedInt(-6)
        .doubleValue(-0.0)
        .floatValue(1.5f)
        .string("a\u0000b")
        .byteValue(0x80)
        .bytes(bytes(9, 8, 7));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(UnsignedVarint.encode(2288));
    expected.writeBytes(FixedLong.encode(-1));
    expected.writeBytes(FixedInt.encode(7));
    expected.writeBytes(SignedLongCodec.encode(-5));
    expected.writeBytes(SignedIntCodec.encode(-6));
    expected.writeBytes(DoubleCodec.encode(-0.0));
    expected.writeBytes(FloatCodec.encode(1.5f));
    expected.writeBytes(StringCodec.encode("a\u0000b"));
    expected.write(0x80);
    expected.writeBytes(bytes(9, 8, 7));

    assertArrayEquals(expected.toByteArray(), builder.build());
    assertEquals(expected.size(), builder.length());
  }

  @Test
  void growsFromAnyCapacity() {
    for (int capacity : new int[] {0, 1, 3, 64}) {
      KeyBuilder builder = new KeyBuilder(capacity);
      for (int i = 0; i < 100; i++) {
        builder.varint(i * 1000L).string("s" + i);
      }
      KeyReader reader = new KeyReader(builder.build());
      for (int i = 0; i < 100; i++) {
        assertEquals(i * 1000L, reader.varint());
        assertEquals("s" + i, reader.string());
      }
      assertEquals(false, reader.hasRemaining());
    }
  }

  @Test
  void buildReturnsAnIndependentCopy() {
    KeyBuilder builder = new KeyBuilder().byteValue(1).byteValue(2);
    byte[] first = builder.build();
    first[0] = 99;
    byte[] second = builder.build();
    assertNotSame(first, second);
    assertArrayEquals(bytes(1, 2), second);
    builder.byteValue(3);
    assertArrayEquals(bytes(1, 2), second, "appending must not change an earlier build");
    assertArrayEquals(bytes(1, 2, 3), builder.build());
  }

  @Test
  void resetStartsAnEmptyKey() {
    KeyBuilder builder = new KeyBuilder(4).string("a long first key that outgrows the buffer");
    assertEquals(builder, builder.reset());
    assertEquals(0, builder.length());
    assertArrayEquals(new byte[0], builder.build());
    assertArrayEquals(bytes(0x05), builder.varint(5).build());
  }

  @Test
  void byteValueTakesUnsignedAndJavaBytesOnly() {
    assertArrayEquals(bytes(0x00, 0xff, 0x80, 0xff, 0x7f),
        new KeyBuilder().byteValue(0).byteValue(255).byteValue(-128).byteValue(-1)
            .byteValue(127).build());
    assertThrows(IllegalArgumentException.class, () -> new KeyBuilder().byteValue(256));
    assertThrows(IllegalArgumentException.class, () -> new KeyBuilder().byteValue(-129));
  }

  @Test
  void aRefusedFieldLeavesTheKeyAsItWas() {
    KeyBuilder builder = new KeyBuilder(2).varint(1);
    assertThrows(IllegalArgumentException.class, () -> builder.string("ok\ud800"));
    assertThrows(IllegalArgumentException.class, () -> builder.varint(-1));
    assertArrayEquals(bytes(1), builder.build());
  }

  @Test
  void rejectsNegativeCapacity() {
    assertThrows(IllegalArgumentException.class, () -> new KeyBuilder(-1));
  }

  @Test
  void toStringIsTheHexKey() {
    assertEquals("00ff10", new KeyBuilder().byteValue(0).byteValue(255).byteValue(16).toString());
  }
}
