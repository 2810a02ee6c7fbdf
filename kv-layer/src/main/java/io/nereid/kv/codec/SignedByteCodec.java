package io.nereid.kv.codec;

/**
 * A byte as 1 byte ordered as a SIGNED number ({@link Byte#compare}): the sign bit is flipped so
 * that -128 encodes as 0x00 and 127 as 0xFF, since stored bytes compare unsigned. See {@link
 * SignedLongCodec}.
 */
public final class SignedByteCodec {

  public static final int LENGTH = 1;

  private SignedByteCodec() {}

  /** Writes {@code v} at {@code dst[off]}; returns {@code off + 1}. */
  public static int write(byte[] dst, int off, byte v) {
    dst[off] = (byte) (v ^ 0x80);
    return off + LENGTH;
  }

  public static byte read(byte[] src, int off) {
    return (byte) (src[off] ^ 0x80);
  }

  public static byte[] encode(byte v) {
    byte[] out = new byte[LENGTH];
    write(out, 0, v);
    return out;
  }
}
