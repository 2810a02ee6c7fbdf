package io.nereid.kv.codec;

/**
 * An int as 4 big-endian bytes, ordered as an UNSIGNED number ({@link Integer#compareUnsigned}).
 * Big-endian so that byte order is numeric order; see {@link FixedLong} for why this order is
 * unsigned and {@link SignedIntCodec} for signed order.
 */
public final class FixedInt {

  public static final int LENGTH = 4;

  private FixedInt() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 4}. */
  public static int write(byte[] dst, int off, int v) {
    dst[off] = (byte) (v >>> 24);
    dst[off + 1] = (byte) (v >>> 16);
    dst[off + 2] = (byte) (v >>> 8);
    dst[off + 3] = (byte) v;
    return off + LENGTH;
  }

  public static int read(byte[] src, int off) {
    return (src[off] & 0xFF) << 24
        | (src[off + 1] & 0xFF) << 16
        | (src[off + 2] & 0xFF) << 8
        | (src[off + 3] & 0xFF);
  }

  public static byte[] encode(int v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
