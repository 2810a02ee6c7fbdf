package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec: -0.0 before 0.0, NaN last (canonical NaN). */
public final class DoubleCodec {
  private DoubleCodec() {}

  public static int write(byte[] buf, int off, double v) {
    long bits = Double.doubleToLongBits(v);
    bits = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
    for (int i = 0; i < 8; i++) buf[off + i] = (byte) (bits >>> (56 - 8 * i));
    return off + 8;
  }

  public static double read(byte[] buf, int off) {
    long x = 0;
    for (int i = 0; i < 8; i++) x = (x << 8) | (buf[off + i] & 0xFF);
    x = x < 0 ? x ^ Long.MIN_VALUE : ~x;
    return Double.longBitsToDouble(x);
  }

  public static byte[] encode(double v) {
    byte[] b = new byte[8];
    write(b, 0, v);
    return b;
  }
}
