package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec. */
public final class FloatCodec {
  private FloatCodec() {}

  public static int write(byte[] buf, int off, float v) {
    int bits = Float.floatToIntBits(v);
    bits = bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
    for (int i = 0; i < 4; i++) buf[off + i] = (byte) (bits >>> (24 - 8 * i));
    return off + 4;
  }

  public static float read(byte[] buf, int off) {
    int x = 0;
    for (int i = 0; i < 4; i++) x = (x << 8) | (buf[off + i] & 0xFF);
    x = x < 0 ? x ^ Integer.MIN_VALUE : ~x;
    return Float.intBitsToFloat(x);
  }

  public static byte[] encode(float v) {
    byte[] b = new byte[4];
    write(b, 0, v);
    return b;
  }
}
