package io.nereid.kv.codec;

import java.util.Arrays;

/** TEMPORARY stand-in for branch codec. */
public final class KeyBuilder {
  private byte[] buf;
  private int len;

  public KeyBuilder() {
    this(64);
  }

  public KeyBuilder(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int n) {
    if (len + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
  }

  public KeyBuilder varint(long v) {
    ensure(9);
    len = UnsignedVarint.write(buf, len, v);
    return this;
  }

  public KeyBuilder fixedLong(long v) {
    ensure(8);
    len = FixedLong.write(buf, len, v);
    return this;
  }

  public KeyBuilder signedLong(long v) {
    ensure(8);
    len = SignedLongCodec.write(buf, len, v);
    return this;
  }

  public KeyBuilder signedInt(int v) {
    ensure(4);
    len = SignedIntCodec.write(buf, len, v);
    return this;
  }

  public KeyBuilder doubleValue(double v) {
    ensure(8);
    len = DoubleCodec.write(buf, len, v);
    return this;
  }

  public KeyBuilder floatValue(float v) {
    ensure(4);
    len = FloatCodec.write(buf, len, v);
    return this;
  }

  public KeyBuilder string(String s) {
    ensure(StringCodec.encodedLength(s));
    len = StringCodec.write(buf, len, s);
    return this;
  }

  public KeyBuilder bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    return this;
  }

  public KeyBuilder byteValue(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  public int length() {
    return len;
  }

  public byte[] build() {
    return Arrays.copyOf(buf, len);
  }

  public KeyBuilder reset() {
    len = 0;
    return this;
  }
}
