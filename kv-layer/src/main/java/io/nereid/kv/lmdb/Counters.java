package io.nereid.kv.lmdb;

/** The encoding of {@code add} counters: a signed 8-byte big-endian long. */
final class Counters {
  private Counters() {}

  static long decode(byte[] value) {
    if (value == null) {
      return 0;
    }
    if (value.length != Long.BYTES) {
      throw new IllegalStateException(
          "counter value must be 8 bytes, found " + value.length + ": key was not written by add()");
    }
    long v = 0;
    for (byte b : value) {
      v = (v << 8) | (b & 0xFF);
    }
    return v;
  }

  static byte[] encode(long v) {
    byte[] b = new byte[Long.BYTES];
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    return b;
  }
}
