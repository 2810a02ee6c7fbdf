package io.nereid.kv.codec;

import java.util.Arrays;

/** TEMPORARY stand-in for branch codec. */
public final class KeyReader {
  private final byte[] buf;
  private int pos;

  public KeyReader(byte[] buf) {
    this(buf, 0);
  }

  public KeyReader(byte[] buf, int offset) {
    this.buf = buf;
    this.pos = offset;
  }

  public long varint() {
    long v = UnsignedVarint.read(buf, pos);
    pos += UnsignedVarint.lengthAt(buf, pos);
    return v;
  }

  public long fixedLong() {
    long v = FixedLong.read(buf, pos);
    pos += 8;
    return v;
  }

  public long signedLong() {
    long v = SignedLongCodec.read(buf, pos);
    pos += 8;
    return v;
  }

  public int signedInt() {
    int v = SignedIntCodec.read(buf, pos);
    pos += 4;
    return v;
  }

  public double doubleValue() {
    double v = DoubleCodec.read(buf, pos);
    pos += 8;
    return v;
  }

  public float floatValue() {
    float v = FloatCodec.read(buf, pos);
    pos += 4;
    return v;
  }

  public String string() {
    int n = StringCodec.lengthAt(buf, pos);
    String s = StringCodec.read(buf, pos);
    pos += n;
    return s;
  }

  public byte byteValue() {
    return buf[pos++];
  }

  public int position() {
    return pos;
  }

  public boolean hasRemaining() {
    return pos < buf.length;
  }

  public byte[] rest() {
    return Arrays.copyOfRange(buf, pos, buf.length);
  }
}
