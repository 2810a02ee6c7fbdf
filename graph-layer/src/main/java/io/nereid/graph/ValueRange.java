package io.nereid.graph;

import io.nereid.graph.value.ValueCodec;
import io.nereid.graph.value.ValueType;

/**
 * A range of property values of one {@link ValueType}; a null bound is open. Ranges never cross
 * types: {@code gt(5)} matches Integers above 5, not Longs or Doubles (a caller that wants
 * TinkerPop's cross-type numeric comparison issues one range per numeric type). Strings compare by
 * code point, floating point by {@link Double#compare} (-0.0 below 0.0, NaN above everything).
 */
public record ValueRange(
    Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {

  public ValueRange {
    if (lower == null && upper == null) {
      throw new IllegalArgumentException("a range needs at least one bound");
    }
    if (lower != null && upper != null && ValueType.of(lower) != ValueType.of(upper)) {
      throw new IllegalArgumentException(
          "bounds of different types: " + ValueType.of(lower) + " and " + ValueType.of(upper));
    }
    if (lower != null) {
      ValueType.of(lower);
    }
    if (upper != null) {
      ValueType.of(upper);
    }
  }

  public static ValueRange gt(Object v) {
    return new ValueRange(v, false, null, false);
  }

  public static ValueRange gte(Object v) {
    return new ValueRange(v, true, null, false);
  }

  public static ValueRange lt(Object v) {
    return new ValueRange(null, false, v, false);
  }

  public static ValueRange lte(Object v) {
    return new ValueRange(null, false, v, true);
  }

  /** TinkerPop's {@code between}: lower inclusive, upper exclusive. */
  public static ValueRange between(Object lower, Object upper) {
    return new ValueRange(lower, true, upper, false);
  }

  /** TinkerPop's {@code inside}: both exclusive. */
  public static ValueRange inside(Object lower, Object upper) {
    return new ValueRange(lower, false, upper, false);
  }

  public static ValueRange closed(Object lower, Object upper) {
    return new ValueRange(lower, true, upper, true);
  }

  public ValueType type() {
    return ValueType.of(lower != null ? lower : upper);
  }

  /** Exact membership test (scans may return a wider range; they filter with this). */
  public boolean test(Object value) {
    if (value == null || !ValueType.isSupported(value) || ValueType.of(value) != type()) {
      return false;
    }
    if (lower != null) {
      int c = ValueCodec.compare(value, lower);
      if (c < 0 || (c == 0 && !lowerInclusive)) {
        return false;
      }
    }
    if (upper != null) {
      int c = ValueCodec.compare(value, upper);
      return c < 0 || (c == 0 && upperInclusive);
    }
    return true;
  }
}
