package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec (SQLite4 varint: byte order = numeric order). */
public final class UnsignedVarint {
  private UnsignedVarint() {}

  public static int encodedLength(long v) {
    if (Long.compareUnsigned(v, 240) <= 0) return 1;
    if (Long.compareUnsigned(v, 2287) <= 0) return 2;
    if (Long.compareUnsigned(v, 67823) <= 0) return 3;
    int bytes = 8 - Long.numberOfLeadingZeros(v) / 8;
    return 1 + Math.max(3, bytes);
  }

  public static int write(byte[] buf, int off, long v) {
    if (Long.compareUnsigned(v, 240) <= 0) {
      buf[off] = (byte) v;
      return off + 1;
    }
    if (Long.compareUnsigned(v, 2287) <= 0) {
      long x = v - 240;
      buf[off] = (byte) (x / 256 + 241);
      buf[off + 1] = (byte) (x % 256);
      return off + 2;
    }
    if (Long.compareUnsigned(v, 67823) <= 0) {
      long x = v - 2288;
      buf[off] = (byte) 249;
      buf[off + 1] = (byte) (x / 256);
      buf[off + 2] = (byte) (x % 256);
      return off + 3;
    }
    int n = encodedLength(v) - 1;
    buf[off] = (byte) (250 + n - 3);
    for (int i = 0; i < n; i++) {
      buf[off + 1 + i] = (byte) (v >>> (8 * (n - 1 - i)));
    }
    return off + 1 + n;
  }

  public static byte[] encode(long v) {
    byte[] b = new byte[encodedLength(v)];
    write(b, 0, v);
    return b;
  }

  public static int lengthAt(byte[] buf, int off) {
    int h = buf[off] & 0xFF;
    if (h <= 240) return 1;
    if (h <= 248) return 2;
    if (h == 249) return 3;
    return 1 + (h - 250 + 3);
  }

  public static long read(byte[] buf, int off) {
    int h = buf[off] & 0xFF;
    if (h <= 240) return h;
    if (h <= 248) return 240 + 256L * (h - 241) + (buf[off + 1] & 0xFF);
    if (h == 249) return 2288 + 256L * (buf[off + 1] & 0xFF) + (buf[off + 2] & 0xFF);
    int n = h - 250 + 3;
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (buf[off + 1 + i] & 0xFF);
    }
    return v;
  }
}
