package io.nereid.kv.codec;

/**
 * A long as 8 bytes ordered as a SIGNED number ({@link Long#compare}).
 *
 * <p>Why the sign bit is flipped: in two's complement a negative number has its top bit set, so
 * plain big-endian bytes would sort every negative value after every positive one. Flipping that
 * one bit maps {@code Long.MIN_VALUE .. Long.MAX_VALUE} onto {@code 0x00.. .. 0xFF..} in order
 * (it is adding 2^63 modulo 2^64), after which big-endian byte order is signed order. The mapping
 * is its own inverse, so decoding flips the bit back.
 */
public final class SignedLongCodec {

  public static final int LENGTH = 8;

  private SignedLongCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 8}. */
  public static int write(byte[] dst, int off, long v) {
    return FixedLong.write(dst, off, v ^ Long.MIN_VALUE);
  }

  public static long read(byte[] src, int off) {
    return FixedLong.read(src, off) ^ Long.MIN_VALUE;
  }

  public static byte[] encode(long v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
