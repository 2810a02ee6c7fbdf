package io.nereid.kv.codec;

/**
 * A float as 4 bytes ordered as {@link Float#compare}: {@code -Infinity < ... < -0.0f < 0.0f < ...
 * < +Infinity < NaN}. Non-negative floats get their sign bit set, negative floats have all bits
 * inverted, and all NaNs are canonicalised by {@link Float#floatToIntBits}; see {@link DoubleCodec}
 * for why each step is needed.
 */
public final class FloatCodec {

  public static final int LENGTH = 4;

  private FloatCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 4}. */
  public static int write(byte[] dst, int off, float v) {
    return FixedInt.write(dst, off, toSortableBits(v));
  }

  /** The decoded float; a NaN always comes back as the canonical {@link Float#NaN}. */
  public static float read(byte[] src, int off) {
    return fromSortableBits(FixedInt.read(src, off));
  }

  public static byte[] encode(float v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }

  /** Bits whose unsigned order is {@link Float#compare} order. */
  static int toSortableBits(float v) {
    int bits = Float.floatToIntBits(v);
    return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
  }

  static float fromSortableBits(int sortable) {
    // The sign bit of a sortable form is set exactly when the float was non-negative.
    return Float.intBitsToFloat(sortable < 0 ? sortable ^ Integer.MIN_VALUE : ~sortable);
  }
}
