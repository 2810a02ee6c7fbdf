package io.nereid.kv.codec;

/**
 * An int as 4 bytes ordered as a SIGNED number ({@link Integer#compare}): big-endian with the sign
 * bit flipped, so that negative values (top bit set in two's complement) sort before positive ones.
 * See {@link SignedLongCodec}.
 */
public final class SignedIntCodec {

  public static final int LENGTH = 4;

  private SignedIntCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 4}. */
  public static int write(byte[] dst, int off, int v) {
    return FixedInt.write(dst, off, v ^ Integer.MIN_VALUE);
  }

  public static int read(byte[] src, int off) {
    return FixedInt.read(src, off) ^ Integer.MIN_VALUE;
  }

  public static byte[] encode(int v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
