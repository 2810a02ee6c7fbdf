package io.nereid.gremlin.process.traversal.lookup;

import io.nereid.graph.ValueRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Gremlin compares numbers across types ({@code has('age', 29)} matches 29, 29L and 29.0), while
 * the index keeps each type apart. These helpers turn one number into the values, or ranges, of
 * every numeric type that can hold it, so an index lookup finds them all.
 */
final class NumericForms {

  private NumericForms() {}

  /** Every numeric value equal to {@code n}: one per type that represents it exactly. */
  static List<Object> equalValues(Number n) {
    List<Object> out = new ArrayList<>(6);
    if (n instanceof Double d && (d.isNaN() || d.isInfinite())
        || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
      double v = n.doubleValue();
      out.add(v);
      out.add((float) v);
      return out;
    }
    BigDecimal exact = exact(n);
    if (exact == null) {
      return List.of(n);
    }
    addIfExact(out, exact, (byte) exact.longValue(), Byte.MIN_VALUE, Byte.MAX_VALUE);
    addIfExact(out, exact, (short) exact.longValue(), Short.MIN_VALUE, Short.MAX_VALUE);
    addIfExact(out, exact, (int) exact.longValue(), Integer.MIN_VALUE, Integer.MAX_VALUE);
    addIfExact(out, exact, exact.longValue(), Long.MIN_VALUE, Long.MAX_VALUE);
    float f = exact.floatValue();
    if (!Float.isInfinite(f) && new BigDecimal(f).compareTo(exact) == 0) {
      out.add(f);
    }
    double d = exact.doubleValue();
    if (!Double.isInfinite(d) && new BigDecimal(d).compareTo(exact) == 0) {
      out.add(d);
    }
    return out;
  }

  private static void addIfExact(List<Object> out, BigDecimal exact, Number candidate, long min, long max) {
    if (exact.scale() <= 0 || exact.stripTrailingZeros().scale() <= 0) {
      if (exact.compareTo(BigDecimal.valueOf(min)) >= 0 && exact.compareTo(BigDecimal.valueOf(max)) <= 0) {
        out.add(candidate);
      }
    }
  }

  /**
   * Ranges, one per numeric type, that together cover every number between the bounds. They may be
   * a little wider than asked (bounds are rounded outwards, and inclusive): callers filter exactly.
   */
  static List<ValueRange> covering(Number lower, Number upper) {
    BigDecimal lo = lower == null ? null : exact(lower);
    BigDecimal hi = upper == null ? null : exact(upper);
    if ((lower != null && lo == null) || (upper != null && hi == null)) {
      return List.of(); // NaN or infinite bound: leave it to a scan
    }
    List<ValueRange> out = new ArrayList<>(6);
    integral(out, lo, hi, Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
    integral(out, lo, hi, Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
    integral(out, lo, hi, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
    integral(out, lo, hi, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    out.add(range(lo == null ? null : (float) Math.nextDown(lo.floatValue()),
        hi == null ? null : (float) Math.nextUp(hi.floatValue())));
    out.add(range(lo == null ? null : Math.nextDown(lo.doubleValue()),
        hi == null ? null : Math.nextUp(hi.doubleValue())));
    out.removeIf(r -> r == null);
    return out;
  }

  private interface Narrow {
    Object of(long v);
  }

  private static void integral(List<ValueRange> out, BigDecimal lo, BigDecimal hi, long min, long max, Narrow narrow) {
    BigDecimal typeMin = BigDecimal.valueOf(min);
    BigDecimal typeMax = BigDecimal.valueOf(max);
    if ((lo != null && lo.compareTo(typeMax) > 0) || (hi != null && hi.compareTo(typeMin) < 0)) {
      return; // no value of this type can be in range
    }
    long l = lo == null || lo.compareTo(typeMin) < 0 ? min : lo.setScale(0, java.math.RoundingMode.FLOOR).longValue();
    long h = hi == null || hi.compareTo(typeMax) > 0 ? max : hi.setScale(0, java.math.RoundingMode.CEILING).longValue();
    out.add(ValueRange.closed(narrow.of(l), narrow.of(h)));
  }

  private static ValueRange range(Object lo, Object hi) {
    if (lo == null && hi == null) {
      return null;
    }
    return new ValueRange(lo, true, hi, true);
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isNaN(d) || Double.isInfinite(d) ? null : new BigDecimal(d);
    }
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof java.math.BigInteger b) {
      return new BigDecimal(b);
    }
    return BigDecimal.valueOf(n.longValue());
  }
}
