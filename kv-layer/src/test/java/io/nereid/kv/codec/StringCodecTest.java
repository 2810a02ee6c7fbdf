package io.nereid.kv.codec;

import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForAllPairs;
import static io.nereid.kv.codec.OrderAssertions.assertOrderPreservedForRandomPairs;
import static io.nereid.kv.codec.OrderAssertions.bytes;
import static io.nereid.kv.codec.OrderAssertions.show;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCodecTest {

  /**
   * Unicode code point order, which the encoding must follow. Not {@link String#compareTo}: that
   * compares UTF-16 units and puts U+E000..U+FFFF after the supplementary characters.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  /** Each boundary string with its encoded length, terminator included. */
  private static final Map<String, Integer> BOUNDARY_AND_LENGTH = new LinkedHashMap<>();

  static {
    BOUNDARY_AND_LENGTH.put("", 2);
    BOUNDARY_AND_LENGTH.put("\u0000", 4);
    BOUNDARY_AND_LENGTH.put("\u0000\u0000", 6);
    BOUNDARY_AND_LENGTH.put("\u0000a", 5);
    BOUNDARY_AND_LENGTH.put("\u0001", 3);
    BOUNDARY_AND_LENGTH.put("\u007f", 3);
    BOUNDARY_AND_LENGTH.put("\u0080", 4);
    BOUNDARY_AND_LENGTH.put("\u00ff", 4);
    BOUNDARY_AND_LENGTH.put("\u07ff", 4);
    BOUNDARY_AND_LENGTH.put("\u0800", 5);
    BOUNDARY_AND_LENGTH.put("\ud7ff", 5); // last code point before the surrogate range
    BOUNDARY_AND_LENGTH.put("\ue000", 5); // first code point after it
    BOUNDARY_AND_LENGTH.put("\uffff", 5);
    BOUNDARY_AND_LENGTH.put("\ud800\udc00", 6); // U+10000
    BOUNDARY_AND_LENGTH.put("\udbff\udfff", 6); // U+10FFFF
    BOUNDARY_AND_LENGTH.put("a", 3);
    BOUNDARY_AND_LENGTH.put("a\u0000", 5);
    BOUNDARY_AND_LENGTH.put("a\u0000\u0000", 7);
    BOUNDARY_AND_LENGTH.put("a\u0000b", 6);
    BOUNDARY_AND_LENGTH.put("a\u0001", 4);
    BOUNDARY_AND_LENGTH.put("ab", 4);
    BOUNDARY_AND_LENGTH.put("ab\u0000", 6);
    BOUNDARY_AND_LENGTH.put("abc", 5);
    BOUNDARY_AND_LENGTH.put("abd", 5);
    BOUNDARY_AND_LENGTH.put("a\u007f", 4);
    BOUNDARY_AND_LENGTH.put("a\u0080", 5);
    BOUNDARY_AND_LENGTH.put("a\uffff", 6);
    BOUNDARY_AND_LENGTH.put("a\ud800\udc00", 7);
    BOUNDARY_AND_LENGTH.put("b", 3);
    BOUNDARY_AND_LENGTH.put("\u00e9t\u00e9", 7);
    BOUNDARY_AND_LENGTH.put("\u4e2d\u6587", 8);
    BOUNDARY_AND_LENGTH.put("\ud83d\ude00!", 7); // U+1F600 then "!"
  }

  private static List<String> boundaries() {
    return new ArrayList<>(BOUNDARY_AND_LENGTH.keySet());
  }

  @Test
  void boundaryTableSortsInCodePointOrder() {
    assertOrderPreservedForAllPairs(
        boundaries(), StringCodec::encode, StringCodecTest::compareCodePoints);
  }

  @Test
  void boundaryTableRoundTripsWithItsLengths() {
    BOUNDARY_AND_LENGTH.forEach((s, length) -> {
      byte[] encoded = StringCodec.encode(s);
      assertEquals(length, encoded.length, "encoded length of " + show(s));
      assertEquals(length, StringCodec.encodedLength(s), "encodedLength of " + show(s));
      assertEquals(length, StringCodec.lengthAt(encoded, 0), "lengthAt of " + show(s));
      assertEquals(s, StringCodec.read(encoded, 0), "round trip of " + show(s));
    });
  }

  @Test
  void embeddedNulSortsBetweenAStringAndItsLongerExtensions() {
    List<String> ascending = List.of("a", "a\u0000", "a\u0000b", "a\u0001", "ab");
    for (int i = 1; i < ascending.size(); i++) {
      byte[] lower = StringCodec.encode(ascending.get(i - 1));
      byte[] higher = StringCodec.encode(ascending.get(i));
      assertTrue(Arrays.compareUnsigned(lower, higher) < 0,
          show(ascending.get(i - 1)) + " must sort before " + show(ascending.get(i)));
    }
  }

  /** Where code point order and String.compareTo disagree: the encoding follows code points. */
  @Test
  void supplementaryCharactersSortAfterTheBasicPlane() {
    String basicPlaneLast = "\uffff";
    String supplementaryFirst = "\ud800\udc00";
    assertTrue(basicPlaneLast.compareTo(supplementaryFirst) > 0, "UTF-16 order, as documented");
    assertTrue(compareCodePoints(basicPlaneLast, supplementaryFirst) < 0);
    assertTrue(Arrays.compareUnsigned(
        StringCodec.encode(basicPlaneLast), StringCodec.encode(supplementaryFirst)) < 0);
  }

  /** The format is on disk: these bytes must never change. */
  @Test
  void knownEncodings() {
    assertArrayEquals(bytes(0x00, 0x01), StringCodec.encode(""));
    assertArrayEquals(bytes(0x61, 0x00, 0x01), StringCodec.encode("a"));
    assertArrayEquals(bytes(0x61, 0x00, 0xff, 0x62, 0x00, 0x01), StringCodec.encode("a\u0000b"));
    assertArrayEquals(bytes(0xc3, 0xa9, 0x00, 0x01), StringCodec.encode("\u00e9"));
    assertArrayEquals(bytes(0xef, 0xbf, 0xbf, 0x00, 0x01), StringCodec.encode("\uffff"));
    assertArrayEquals(
        bytes(0xf4, 0x8f, 0xbf, 0xbf, 0x00, 0x01), StringCodec.encode("\udbff\udfff"));
  }

  @Test
  void readsAtAnOffsetAndStopsAtTheTerminator() {
    byte[] buf = new byte[20];
    Arrays.fill(buf, (byte) 0x77);
    int end = StringCodec.write(buf, 3, "x\u0000\u00e9");
    assertEquals(3 + 1 + 2 + 2 + 2, end); // x, escaped NUL, e-acute, terminator
    assertEquals(0x77, buf[2]);
    assertEquals(0x77, buf[end]);
    assertEquals(7, StringCodec.lengthAt(buf, 3));
    assertEquals("x\u0000\u00e9", StringCodec.read(buf, 3));
  }

  @Test
  void unpairedSurrogatesAreRefusedWithTheirIndex() {
    Map<String, Integer> badAt = Map.of(
        "\ud800", 0, "a\ud800", 1, "a\udc00b", 1, "\ud800\ud800", 0, "ab\udbff", 2,
        "\udc00\ud800", 0, "\ud800\udc00\udc00", 2);
    badAt.forEach((s, index) -> {
      for (Runnable call : List.<Runnable>of(
          () -> StringCodec.encodedLength(s),
          () -> StringCodec.encode(s),
          () -> StringCodec.write(new byte[32], 0, s))) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains("index " + index), e.getMessage() + " for " + show(s));
      }
    });
  }

  @Test
  void malformedBytesAreRefused() {
    List<byte[]> malformed = List.of(
        bytes(0x61, 0x62), // unterminated
        bytes(0x61, 0x00), // unterminated after a lone 0x00
        bytes(0x61, 0x00, 0x02, 0x00, 0x01), // 0x00 neither escape nor terminator
        bytes(0xc0, 0x80, 0x00, 0x01), // overlong U+0000
        bytes(0xe0, 0x80, 0xaf, 0x00, 0x01), // overlong "/"
        bytes(0xed, 0xa0, 0x80, 0x00, 0x01), // encoded surrogate U+D800
        bytes(0xf4, 0x90, 0x80, 0x80, 0x00, 0x01), // above U+10FFFF
        bytes(0x80, 0x00, 0x01), // continuation byte without a lead
        bytes(0xe4, 0xb8, 0x00, 0x01), // sequence cut short by the terminator
        bytes(0xc3, 0x41, 0x00, 0x01), // lead byte followed by ASCII
        bytes(0xff, 0x00, 0x01));
    for (byte[] b : malformed) {
      assertThrows(IllegalArgumentException.class, () -> StringCodec.read(b, 0),
          io.nereid.kv.ByteKeys.toHex(b));
    }
  }

  /** Random strings over a small alphabet (shared prefixes) that spans every UTF-8 length. */
  @Test
  void randomStrings() {
    int[] alphabet = {0x0, 0x1, 'a', 'b', 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd,
        0xffff, 0x10000, 0x1f600, 0x10ffff};
    Random random = new Random(0x5eed_000aL);
    List<String> values = boundaries();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(7);
      for (int k = 0; k < length; k++) {
        sb.appendCodePoint(random.nextInt(4) == 0
            ? randomScalarValue(random)
            : alphabet[random.nextInt(alphabet.length)]);
      }
      String s = sb.toString();
      values.add(s);
      byte[] encoded = StringCodec.encode(s);
      assertEquals(s, StringCodec.read(encoded, 0), show(s));
      assertEquals(encoded.length, StringCodec.lengthAt(encoded, 0));
      assertArrayEquals(jdkEncodeWithEscapes(s), encoded, show(s));
    }
    assertOrderPreservedForRandomPairs(
        values, StringCodec::encode, StringCodecTest::compareCodePoints, random, 200_000);
  }

  /** Any code point but a surrogate, which a well-formed string cannot hold alone. */
  private static int randomScalarValue(Random random) {
    while (true) {
      int cp = random.nextInt(Character.MAX_CODE_POINT + 1);
      if (cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE) {
        return cp;
      }
    }
  }

  /** The JDK's own UTF-8 encoder with the same escaping: an independent reference. */
  private static byte[] jdkEncodeWithEscapes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      out.write(b);
      if (b == 0) {
        out.write(0xff);
      }
    }
    out.write(0x00);
    out.write(0x01);
    return out.toByteArray();
  }
}
