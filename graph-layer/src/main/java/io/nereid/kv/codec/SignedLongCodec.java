package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec: 8 bytes big-endian with the sign bit flipped. */
public final class SignedLongCodec {
  private SignedLongCodec() {}

  public static int write(byte[] buf, int off, long v) {
    long x = v ^ Long.MIN_VALUE;
    for (int i = 0; i < 8; i++) buf[off + i] = (byte) (x >>> (56 - 8 * i));
    return off + 8;
  }

  public static long read(byte[] buf, int off) {
    long x = 0;
    for (int i = 0; i < 8; i++) x = (x << 8) | (buf[off + i] & 0xFF);
    return x ^ Long.MIN_VALUE;
  }

  public static byte[] encode(long v) {
    byte[] b = new byte[8];
    write(b, 0, v);
    return b;
  }
}
