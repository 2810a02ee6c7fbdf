package io.nereid.kv.codec;

/**
 * A short as 2 bytes ordered as a SIGNED number ({@link Short#compare}): big-endian with the sign
 * bit flipped, so that negative values sort before positive ones. See {@link SignedLongCodec}.
 */
public final class SignedShortCodec {

  public static final int LENGTH = 2;

  private SignedShortCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 2}. */
  public static int write(byte[] dst, int off, short v) {
    dst[off] = (byte) ((v >>> 8) ^ 0x80);
    dst[off + 1] = (byte) v;
    return off + LENGTH;
  }

  public static short read(byte[] src, int off) {
    return (short) (((src[off] ^ 0x80) & 0xFF) << 8 | (src[off + 1] & 0xFF));
  }

  public static byte[] encode(short v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
