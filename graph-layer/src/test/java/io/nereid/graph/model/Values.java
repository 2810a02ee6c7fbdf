package io.nereid.graph.model;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Property values for randomized tests: every supported type, the edges of each type's order, and
 * values of different types that look alike (1, 1L, 1.0, "1") to show that they stay distinct.
 */
final class Values {

  static final String LONG_PREFIX = "L".repeat(127) + "\u00e9"; // 129 bytes: crosses the inline limit

  static final List<Object> POOL = new ArrayList<>();

  static {
    POOL.addAll(List.of(true, false));
    POOL.addAll(List.of((byte) -128, (byte) 1, (byte) 127));
    POOL.addAll(List.of((short) -5, (short) 1, Short.MAX_VALUE));
    POOL.addAll(List.of(Integer.MIN_VALUE, -2, 0, 1, 5, 29, 42, Integer.MAX_VALUE));
    POOL.addAll(List.of(Long.MIN_VALUE, -3L, 1L, 5L, 1L << 40));
    POOL.addAll(List.of(-1.5f, 0.0f, 1.0f, Float.NaN));
    POOL.addAll(List.of(Double.NEGATIVE_INFINITY, -0.0, 0.0, 1.0, 2.5, Double.NaN, Double.MAX_VALUE));
    POOL.addAll(List.of(new Date(0), new Date(1_234_567_890_000L), new Date(-5_000L)));
    OffsetDateTime t = OffsetDateTime.of(2020, 1, 2, 3, 4, 5, 600, ZoneOffset.UTC);
    POOL.addAll(List.of(t, t.withOffsetSameInstant(ZoneOffset.ofHours(2)), t.plusNanos(1)));
    POOL.addAll(List.of(new UUID(0, 0), new UUID(-1, 5), new UUID(7, -7)));
    POOL.addAll(
        List.of(
            "", "1", "a", "ab", "b\u0000c", "marko", "vadas", "\u65e5\u672c", "\ud834\udd1e", "\uffff",
            LONG_PREFIX + "a", LONG_PREFIX + "b", LONG_PREFIX, "x".repeat(300)));
  }

  private Values() {}

  static Object random(Random rnd) {
    return POOL.get(rnd.nextInt(POOL.size()));
  }

  /** A random value of the same type as {@code v}. */
  static Object sameType(Random rnd, Object v) {
    List<Object> same = POOL.stream().filter(x -> x.getClass() == v.getClass()).toList();
    return same.get(rnd.nextInt(same.size()));
  }

  /** Reference order within a type, written independently of the codec. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    if (a instanceof String x && b instanceof String y) {
      return java.util.Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
    }
    if (a instanceof Date x && b instanceof Date y) {
      return Long.compare(x.getTime(), y.getTime());
    }
    return ((Comparable) a).compareTo(b);
  }
}
