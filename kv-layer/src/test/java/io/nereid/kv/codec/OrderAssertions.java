package io.nereid.kv.codec;

import static org.junit.jupiter.api.Assertions.fail;

import io.nereid.kv.ByteKeys;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Shared checks: an encoding's unsigned byte order must equal the values' order. */
final class OrderAssertions {

  private OrderAssertions() {}

  /**
   * For every ordered pair (a, b) of the table, including a == b, the sign of the unsigned byte
   * comparison of the encodings equals the sign of {@code order.compare(a, b)}.
   */
  static <T> void assertOrderPreservedForAllPairs(
      List<T> table, Function<T, byte[]> encode, Comparator<? super T> order) {
    for (T a : table) {
      byte[] ea = encode.apply(a);
      for (T b : table) {
        assertSameOrder(a, b, ea, encode.apply(b), order);
      }
    }
  }

  /** The same check on {@code pairs} random pairs drawn from {@code values}. */
  static <T> void assertOrderPreservedForRandomPairs(
      List<T> values, Function<T, byte[]> encode, Comparator<? super T> order, Random random,
      int pairs) {
    for (int i = 0; i < pairs; i++) {
      T a = values.get(random.nextInt(values.size()));
      T b = values.get(random.nextInt(values.size()));
      assertSameOrder(a, b, encode.apply(a), encode.apply(b), order);
    }
  }

  static <T> void assertSameOrder(
      T a, T b, byte[] ea, byte[] eb, Comparator<? super T> order) {
    int expected = Integer.signum(order.compare(a, b));
    int actual = Integer.signum(Arrays.compareUnsigned(ea, eb));
    if (expected != actual) {
      fail(String.format(
          "order of %s vs %s is %d but encodings %s vs %s compare %d",
          show(a), show(b), expected, ByteKeys.toHex(ea), ByteKeys.toHex(eb), actual));
    }
  }

  /** Strings are shown as code points so that NULs and surrogates are visible in failures. */
  static String show(Object o) {
    if (o instanceof String s) {
      StringBuilder sb = new StringBuilder("\"");
      s.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
          : String.format("\\u%04x", c)));
      return sb.append('"').toString();
    }
    if (o instanceof Double d) {
      return d + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
    }
    if (o instanceof Float f) {
      return f + " (0x" + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
    }
    return String.valueOf(o);
  }

  static byte[] bytes(int... unsigned) {
    byte[] b = new byte[unsigned.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) unsigned[i];
    }
    return b;
  }
}
