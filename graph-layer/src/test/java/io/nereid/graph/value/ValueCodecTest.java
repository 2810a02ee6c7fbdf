package io.nereid.graph.value;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.ValueRange;
import io.nereid.graph.dict.MapDictionary;
import io.nereid.kv.ByteKeys;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

public class ValueCodecTest {

  private final MapDictionary dictionary = new MapDictionary();
  private final ValueCodec codec = new ValueCodec(dictionary);

  static final String LONG = "x".repeat(StringValues.INLINE_BYTES);

  /** Per type, values in ascending order, including the edges of each encoding. */
  public static final List<List<Object>> ASCENDING =
      List.of(
          List.of(false, true),
          List.of(Byte.MIN_VALUE, (byte) -1, (byte) 0, (byte) 1, Byte.MAX_VALUE),
          List.of(Short.MIN_VALUE, (short) -1, (short) 0, (short) 1, Short.MAX_VALUE),
          List.of(Integer.MIN_VALUE, -256, -1, 0, 1, 255, 256, Integer.MAX_VALUE),
          List.of(Long.MIN_VALUE, -1L << 40, -1L, 0L, 1L, 1L << 40, Long.MAX_VALUE),
          List.of(
              Float.NEGATIVE_INFINITY,
              -Float.MAX_VALUE,
              -1f,
              -Float.MIN_VALUE,
              -0.0f,
              0.0f,
              Float.MIN_VALUE,
              1f,
              Float.MAX_VALUE,
              Float.POSITIVE_INFINITY,
              Float.NaN),
          List.of(
              Double.NEGATIVE_INFINITY,
              -Double.MAX_VALUE,
              -1.0,
              -Double.MIN_VALUE,
              -0.0,
              0.0,
              Double.MIN_VALUE,
              1.0,
              Double.MAX_VALUE,
              Double.POSITIVE_INFINITY,
              Double.NaN),
          List.of(
              new Date(Long.MIN_VALUE),
              new Date(-1),
              new Date(0),
              new Date(1),
              new Date(Long.MAX_VALUE)),
          List.of(
              OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.UTC),
              OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
              OffsetDateTime.of(1970, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHours(2))
                  .plusNanos(1)
                  .minusNanos(1)
                  .withOffsetSameInstant(ZoneOffset.ofHours(3)),
              OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 1, ZoneOffset.UTC),
              OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.ofHours(-8))),
          List.of(
              "",
              "\u0000",
              "\u0000\u0000",
              "\u0000a",
              "a",
              "a\u0000",
              "a\u0000b",
              "ab",
              "b",
              LONG,
              LONG + "a",
              LONG + "b",
              "y",
              "\u00e9",
              "\uffff",
              "\ud834\udd1e"),
          List.of(
              new UUID(Long.MIN_VALUE, 0),
              new UUID(-1, -1),
              new UUID(0, Long.MIN_VALUE),
              new UUID(0, 0),
              new UUID(0, 1),
              new UUID(Long.MAX_VALUE, Long.MAX_VALUE)));

  @Test
  void eachTypeSortsByValueAndRoundTrips() {
    for (List<Object> values : ASCENDING) {
      byte[] previous = null;
      for (Object v : values) {
        byte[] e = codec.encode(v);
        assertEquals(v, codec.decode(e), "round trip of " + v);
        assertEquals(e.length, ValueCodec.lengthAt(e, 0), "length of " + v);
        if (previous != null) {
          assertTrue(ByteKeys.compare(previous, e) < 0, "order before " + v);
        }
        previous = e;
      }
    }
  }

  /** Random values: byte order of the encodings is the value order, and they round-trip. */
  @Test
  void randomValuesSortByValue() {
    java.util.Random rnd = new java.util.Random(7);
    List<java.util.function.Supplier<Object>> makers =
        List.of(
            () -> (byte) rnd.nextInt(),
            () -> (short) rnd.nextInt(),
            rnd::nextInt,
            rnd::nextLong,
            () -> Float.intBitsToFloat(rnd.nextInt()),
            () -> Double.longBitsToDouble(rnd.nextLong()),
            () -> new Date(rnd.nextLong() >> 8),
            () -> new UUID(rnd.nextLong(), rnd.nextLong()),
            () -> randomString(rnd));
    for (java.util.function.Supplier<Object> make : makers) {
      for (int i = 0; i < 2000; i++) {
        Object a = make.get();
        Object b = make.get();
        byte[] ea = codec.encode(a);
        assertEquals(a, codec.decode(ea));
        int expected = Integer.signum(ValueCodec.compare(a, b));
        boolean sameLongGroup = isLong(a) && isLong(b);
        if (!sameLongGroup) {
          assertEquals(expected, Integer.signum(ByteKeys.compare(ea, codec.encode(b))), a + " vs " + b);
        }
      }
    }
  }

  private static String randomString(java.util.Random rnd) {
    int[] alphabet = {0, 'a', 'b', 0xE9, 0xFFFF, 0x1D11E};
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(4) == 0 ? 120 + rnd.nextInt(20) : rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(alphabet[rnd.nextInt(alphabet.length)]);
    }
    return sb.toString();
  }

  @Test
  void typesSortContiguouslyInTagOrder() {
    byte[] lastOfPrevious = null;
    for (List<Object> values : ASCENDING) {
      byte[] first = codec.encode(values.get(0));
      if (lastOfPrevious != null) {
        assertTrue(
            ByteKeys.compare(lastOfPrevious, first) < 0, "types interleave at " + values.get(0));
      }
      lastOfPrevious = codec.encode(values.get(values.size() - 1));
    }
  }

  @Test
  void lookalikeValuesOfDifferentTypesNeverCollide() {
    List<Object> lookalikes =
        List.of(1, 1L, 1.0, 1.0f, (short) 1, (byte) 1, "1", true, new Date(1));
    Set<String> encodings = new HashSet<>();
    for (Object v : lookalikes) {
      assertTrue(encodings.add(ByteKeys.toHex(codec.encode(v))), "collision for " + v.getClass());
      assertEquals(v.getClass(), codec.decode(codec.encode(v)).getClass());
    }
  }

  @Test
  void negativeZeroAndNaNAreDistinctValues() {
    assertTrue(ByteKeys.compare(codec.encode(-0.0), codec.encode(0.0)) < 0);
    assertArrayEquals(
        codec.encode(Double.NaN), codec.encode(Double.longBitsToDouble(0x7ff0000000000123L)));
    assertTrue(
        ByteKeys.compare(codec.encode(Double.POSITIVE_INFINITY), codec.encode(Double.NaN)) < 0);
  }

  @Test
  void stringsAreInlineUpTo128BytesThenDictionaryTerms() {
    byte[] inline = codec.encode(LONG);
    assertEquals(1 + LONG.length() + 2, inline.length);
    assertEquals(-1, ValueCodec.longStringTerm(inline, 0));
    byte[] external = codec.encode(LONG + "z".repeat(1000));
    assertTrue(
        external.length < 1 + 2 * StringValues.INLINE_BYTES + 2 + 9,
        "long strings keep keys short");
    assertTrue(ValueCodec.longStringTerm(external, 0) > 0);
    assertEquals(LONG + "z".repeat(1000), codec.decode(external));
    String nuls = "\u0000".repeat(200);
    assertEquals(nuls, codec.decode(codec.encode(nuls)));
    assertEquals(codec.encode(nuls).length, ValueCodec.lengthAt(codec.encode(nuls), 0));
  }

  @Test
  void lookupEncodingOfAnUnknownLongStringIsNull() {
    assertNull(codec.encodeIfKnown("q".repeat(500)));
    int before = dictionary.calls;
    codec.encodeIfKnown("short");
    assertEquals(before, dictionary.calls, "short strings never touch the dictionary");
  }

  @Test
  void stringOrderIsCodePointOrderAcrossInlineAndLongForms() {
    List<String> sorted =
        new ArrayList<>(
            List.of(
                "\uffff",
                "\ud834\udd1e",
                "a",
                LONG,
                LONG + "a",
                "x".repeat(127),
                "y",
                "",
                LONG.substring(1) + "\u00e9"));
    sorted.sort(StringValues::compare);
    for (int i = 1; i < sorted.size(); i++) {
      assertTrue(
          ByteKeys.compare(codec.encode(sorted.get(i - 1)), codec.encode(sorted.get(i))) < 0,
          sorted.get(i));
    }
    assertTrue(StringValues.compare("\uffff", "\ud834\udd1e") < 0, "code points, not UTF-16 units");
  }

  /** For inline values the encoded bounds select exactly the values the range accepts. */
  @Test
  void rangeBoundsAreExactForInlineValuesAndWideEnoughForLongStrings() {
    for (List<Object> values : ASCENDING) {
      for (Object a : values) {
        for (Object b : values) {
          if (ValueCodec.compare(a, b) > 0) {
            continue;
          }
          for (ValueRange r :
              List.of(
                  ValueRange.gt(a),
                  ValueRange.gte(a),
                  ValueRange.lt(b),
                  ValueRange.lte(b),
                  ValueRange.between(a, b),
                  ValueRange.inside(a, b),
                  ValueRange.closed(a, b))) {
            byte[][] bounds =
                codec.rangeBounds(
                    r.type(), r.lower(), r.lowerInclusive(), r.upper(), r.upperInclusive());
            boolean longBound = isLong(r.lower()) || isLong(r.upper());
            for (List<Object> all : ASCENDING) {
              for (Object v : all) {
                byte[] e = codec.encode(v);
                boolean inside =
                    ByteKeys.compare(e, bounds[0]) >= 0 && ByteKeys.compare(e, bounds[1]) < 0;
                if (longBound) {
                  assertTrue(!r.test(v) || inside, r + " must cover " + v);
                } else {
                  assertEquals(r.test(v), inside, r + " on " + v);
                }
              }
            }
          }
        }
      }
    }
  }

  private static boolean isLong(Object v) {
    return v instanceof String s && Utf8.encode(s).length > StringValues.INLINE_BYTES;
  }

  @Test
  void unsupportedValuesAreRefused() {
    for (Object bad : new Object[] {null, List.of(1), new BigDecimal("1"), 'c', new int[0]}) {
      assertThrows(IllegalArgumentException.class, () -> codec.encode(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> codec.encode("bad \ud800 surrogate"));
    assertThrows(IllegalArgumentException.class, () -> ValueRange.between(1, 2L));
  }
}
