package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KeyReaderTest {

  @Test
  void readsBackEveryFieldAndTracksThePosition() {
    byte[] key = new KeyBuilder()
        .varint(Long.MAX_VALUE)
        .fixedLong(Long.MIN_VALUE)
        .fixedInt(-7)
        .signedLong(Long.MIN_VALUE)
        .signedInt(Integer.MAX_VALUE)
        .doubleValue(Double.NEGATIVE_INFINITY)
        .floatValue(-0.0f)
        .string("\ud800\udc00\u0000")
        .byteValue(200)
        .bytes(bytes(1, 2, 3, 4))
        .build();
    KeyReader reader = new KeyReader(key);
    assertEquals(Long.MAX_VALUE, reader.varint());
    assertEquals(9, reader.position());
    assertEquals(Long.MIN_VALUE, reader.fixedLong());
    assertEquals(-7, reader.fixedInt());
    assertEquals(Long.MIN_VALUE, reader.signedLong());
    assertEquals(Integer.MAX_VALUE, reader.signedInt());
    assertEquals(Double.NEGATIVE_INFINITY, reader.doubleValue());
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(reader.floatValue()));
    assertEquals(9 + 8 + 4 + 8 + 4 + 8 + 4, reader.position());
    assertEquals("\ud800\udc00\u0000", reader.string());
    assertEquals(200, reader.byteValue());
    assertArrayEquals(bytes(1, 2), reader.bytes(2));
    assertEquals(2, reader.remaining());
    assertTrue(reader.hasRemaining());
    assertArrayEquals(bytes(3, 4), reader.rest());
    assertFalse(reader.hasRemaining());
    assertEquals(key.length, reader.position());
    assertArrayEquals(new byte[0], reader.rest());
  }

  @Test
  void startsAtAnOffset() {
    byte[] key = new KeyBuilder().byteValue(0xaa).string("skip").varint(300).build();
    KeyReader reader = new KeyReader(key, 1 + 6);
    assertEquals(300, reader.varint());
    assertFalse(reader.hasRemaining());
    assertFalse(new KeyReader(key, key.length).hasRemaining());
    assertThrows(IndexOutOfBoundsException.class, () -> new KeyReader(key, key.length + 1));
    assertThrows(IndexOutOfBoundsException.class, () -> new KeyReader(key, -1));
  }

  @Test
  void byteValueIsUnsigned() {
    KeyReader reader = new KeyReader(bytes(0x00, 0x7f, 0x80, 0xff));
    assertEquals(0, reader.byteValue());
    assertEquals(127, reader.byteValue());
    assertEquals(128, reader.byteValue());
    assertEquals(255, reader.byteValue());
  }

  /** Reading past the end fails with IllegalArgumentException and does not move the position. */
  @Test
  void everyFieldIsRefusedAtTheEnd() {
    List<Consumer<KeyReader>> reads = List.of(
        KeyReader::varint, KeyReader::fixedLong, KeyReader::fixedInt, KeyReader::signedLong,
        KeyReader::signedInt, KeyReader::doubleValue, KeyReader::floatValue, KeyReader::string,
        KeyReader::byteValue, r -> r.bytes(1));
    for (Consumer<KeyReader> read : reads) {
      KeyReader atEnd = new KeyReader(bytes(0x01), 1);
      assertThrows(IllegalArgumentException.class, () -> read.accept(atEnd));
      assertEquals(1, atEnd.position());
    }
  }

  /** A field whose first bytes are there but not all of them: same refusal, same position. */
  @Test
  void cutShortFieldsAreRefusedWithoutMoving() {
    KeyReader cutVarint = new KeyReader(bytes(0x01, 255, 1, 2, 3), 1); // 9-byte form, 4 present
    assertThrows(IllegalArgumentException.class, cutVarint::varint);
    assertEquals(1, cutVarint.position());

    KeyReader cutLong = new KeyReader(bytes(1, 2, 3, 4, 5, 6, 7));
    assertThrows(IllegalArgumentException.class, cutLong::signedLong);
    assertEquals(0, cutLong.position());

    KeyReader unterminated = new KeyReader(bytes(0x61, 0x62, 0x00));
    assertThrows(IllegalArgumentException.class, unterminated::string);
    assertEquals(0, unterminated.position());

    KeyReader shortBytes = new KeyReader(bytes(1, 2));
    assertThrows(IllegalArgumentException.class, () -> shortBytes.bytes(3));
    assertEquals(0, shortBytes.position());
  }

  @Test
  void rejectsANegativeByteCount() {
    assertThrows(IllegalArgumentException.class, () -> new KeyReader(bytes(1)).bytes(-1));
  }
}
