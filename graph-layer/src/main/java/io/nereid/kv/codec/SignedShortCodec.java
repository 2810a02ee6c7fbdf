package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec. */
public final class SignedShortCodec {
  private SignedShortCodec() {}

  public static int write(byte[] buf, int off, short v) {
    int x = (v ^ 0x8000) & 0xFFFF;
    buf[off] = (byte) (x >>> 8);
    buf[off + 1] = (byte) x;
    return off + 2;
  }

  public static short read(byte[] buf, int off) {
    int x = ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF);
    return (short) (x ^ 0x8000);
  }

  public static byte[] encode(short v) {
    byte[] b = new byte[2];
    write(b, 0, v);
    return b;
  }
}
