package io.nereid.kv.codec;

/**
 * A double as 8 bytes ordered as {@link Double#compare}: {@code -Infinity < -MAX_VALUE < ... <
 * -MIN_VALUE < -0.0 < 0.0 < MIN_VALUE < ... < MAX_VALUE < +Infinity < NaN}.
 *
 * <p>Why this works: IEEE 754 bits are sign-magnitude, and for non-negative doubles the magnitude
 * bits (exponent above mantissa) already grow with the value. So a non-negative double only needs
 * its sign bit set, to sort above all negatives; a negative double has all its bits inverted, which
 * clears the sign bit and reverses the magnitude order (a larger magnitude is a smaller value).
 *
 * <p>Why NaNs are canonicalised: there are many NaN bit patterns and {@link Double#compare} treats
 * them all as one value, so they must share one key; {@link Double#doubleToLongBits} maps them to
 * {@code 0x7ff8000000000000}, which sorts above +Infinity as {@code Double.compare} wants.
 *
 * <p>Why -0.0 and 0.0 stay distinct: {@code Double.compare} orders {@code -0.0} first, and round
 * trips must keep the sign. A caller that wants -0.0 and 0.0 to be one key (as {@code ==} has
 * them equal) must normalise before encoding.
 */
public final class DoubleCodec {

  public static final int LENGTH = 8;

  private DoubleCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 8}. */
  public static int write(byte[] dst, int off, double v) {
    return FixedLong.write(dst, off, toSortableBits(v));
  }

  /** The decoded double; a NaN always comes back as the canonical {@link Double#NaN}. */
  public static double read(byte[] src, int off) {
    return fromSortableBits(FixedLong.read(src, off));
  }

  public static byte[] encode(double v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }

  /** Bits whose unsigned order is {@link Double#compare} order. */
  static long toSortableBits(double v) {
    long bits = Double.doubleToLongBits(v);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  static double fromSortableBits(long sortable) {
    // The sign bit of a sortable form is set exactly when the double was non-negative.
    return Double.longBitsToDouble(sortable < 0 ? sortable ^ Long.MIN_VALUE : ~sortable);
  }
}
