package io.nereid.kv.codec;

/** TEMPORARY stand-in for branch codec. */
public final class SignedByteCodec {
  private SignedByteCodec() {}

  public static int write(byte[] buf, int off, byte v) {
    buf[off] = (byte) (v ^ 0x80);
    return off + 1;
  }

  public static byte read(byte[] buf, int off) {
    return (byte) (buf[off] ^ 0x80);
  }

  public static byte[] encode(byte v) {
    return new byte[] {(byte) (v ^ 0x80)};
  }
}
