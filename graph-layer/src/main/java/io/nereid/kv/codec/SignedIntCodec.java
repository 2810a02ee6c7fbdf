package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec. */
public final class SignedIntCodec {
  private SignedIntCodec() {}

  public static int write(byte[] buf, int off, int v) {
    int x = v ^ Integer.MIN_VALUE;
    for (int i = 0; i < 4; i++) buf[off + i] = (byte) (x >>> (24 - 8 * i));
    return off + 4;
  }

  public static int read(byte[] buf, int off) {
    int x = 0;
    for (int i = 0; i < 4; i++) x = (x << 8) | (buf[off + i] & 0xFF);
    return x ^ Integer.MIN_VALUE;
  }

  public static byte[] encode(int v) {
    byte[] b = new byte[4];
    write(b, 0, v);
    return b;
  }
}
