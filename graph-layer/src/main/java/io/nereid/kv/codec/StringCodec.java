package io.nereid.kv.codec;

import java.nio.charset.StandardCharsets;

/** TEMPORARY stand-in for branch codec: UTF-8, 0x00 escaped as 00 FF, terminated by 00 01. */
public final class StringCodec {
  private StringCodec() {}

  public static int encodedLength(String s) {
    byte[] u = s.getBytes(StandardCharsets.UTF_8);
    int n = u.length + 2;
    for (byte b : u) if (b == 0) n++;
    return n;
  }

  public static int write(byte[] buf, int off, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      buf[off++] = b;
      if (b == 0) buf[off++] = (byte) 0xFF;
    }
    buf[off++] = 0;
    buf[off++] = 1;
    return off;
  }

  public static byte[] encode(String s) {
    byte[] b = new byte[encodedLength(s)];
    write(b, 0, s);
    return b;
  }

  public static int lengthAt(byte[] buf, int off) {
    int i = off;
    while (true) {
      if (buf[i] == 0) {
        if (buf[i + 1] == 1) return i + 2 - off;
        i += 2;
      } else {
        i++;
      }
    }
  }

  public static String read(byte[] buf, int off) {
    int len = lengthAt(buf, off);
    byte[] out = new byte[len];
    int n = 0;
    for (int i = off; i < off + len - 2; i++) {
      out[n++] = buf[i];
      if (buf[i] == 0) i++;
    }
    return new String(out, 0, n, StandardCharsets.UTF_8);
  }
}
