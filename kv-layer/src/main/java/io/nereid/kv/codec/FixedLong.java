package io.nereid.kv.codec;

/**
 * A long as 8 big-endian bytes, ordered as an UNSIGNED number ({@link Long#compareUnsigned}).
 *
 * <p>Big-endian because the most significant byte must come first for byte order to be numeric
 * order. Unsigned because that is what plain big-endian gives: a negative long has its top bit set
 * and sorts after every non-negative one. Use {@link SignedLongCodec} when signed order is wanted.
 * Fixed width, unlike {@link UnsignedVarint}, suits values spread over the whole range (hashes,
 * timestamps in nanoseconds) and fields that must be rewritable in place.
 */
public final class FixedLong {

  public static final int LENGTH = 8;

  private FixedLong() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 8}. */
  public static int write(byte[] dst, int off, long v) {
    for (int i = 0; i < LENGTH; i++) {
      dst[off + i] = (byte) (v >>> (56 - 8 * i));
    }
    return off + LENGTH;
  }

  public static long read(byte[] src, int off) {
    long v = 0;
    for (int i = 0; i < LENGTH; i++) {
      v = (v << 8) | (src[off + i] & 0xFF);
    }
    return v;
  }

  public static byte[] encode(long v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
