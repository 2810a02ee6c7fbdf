package io.nereid.kv.codec;

import java.util.Arrays;

/**
 * Takes a key apart field by field, in the order a {@link KeyBuilder} put the fields in: each
 * method decodes one field at the current position and moves past it.
 *
 * <p>A field that runs past the end of the array, or is not a valid encoding, throws {@link
 * IllegalArgumentException} naming the field and position, and leaves the position where it was.
 * The array is not copied: do not change it while reading. Not thread-safe.
 */
public final class KeyReader {

  private final byte[] src;
  private int pos;

  public KeyReader(byte[] src) {
    this(src, 0);
  }

  /** A reader starting at {@code src[off]}; {@code off == src.length} gives an empty reader. */
  public KeyReader(byte[] src, int off) {
    if (off < 0 || off > src.length) {
      throw new IndexOutOfBoundsException("offset " + off + " outside 0.." + src.length);
    }
    this.src = src;
    this.pos = off;
  }

  public long varint() {
    require(1, "varint");
    int n = UnsignedVarint.lengthAt(src, pos);
    require(n, "varint");
    long v = UnsignedVarint.read(src, pos);
    pos += n;
    return v;
  }

  public long fixedLong() {
    require(FixedLong.LENGTH, "fixedLong");
    long v = FixedLong.read(src, pos);
    pos += FixedLong.LENGTH;
    return v;
  }

  public int fixedInt() {
    require(FixedInt.LENGTH, "fixedInt");
    int v = FixedInt.read(src, pos);
    pos += FixedInt.LENGTH;
    return v;
  }

  public long signedLong() {
    require(SignedLongCodec.LENGTH, "signedLong");
    long v = SignedLongCodec.read(src, pos);
    pos += SignedLongCodec.LENGTH;
    return v;
  }

  public int signedInt() {
    require(SignedIntCodec.LENGTH, "signedInt");
    int v = SignedIntCodec.read(src, pos);
    pos += SignedIntCodec.LENGTH;
    return v;
  }

  public double doubleValue() {
    require(DoubleCodec.LENGTH, "doubleValue");
    double v = DoubleCodec.read(src, pos);
    pos += DoubleCodec.LENGTH;
    return v;
  }

  public float floatValue() {
    require(FloatCodec.LENGTH, "floatValue");
    float v = FloatCodec.read(src, pos);
    pos += FloatCodec.LENGTH;
    return v;
  }

  public String string() {
    int n = StringCodec.lengthAt(src, pos); // finds the terminator or throws
    String s = StringDecoder.decode(src, pos, pos + n - StringCodec.TERMINATOR_LENGTH);
    pos += n;
    return s;
  }

  /** One raw byte, as written by {@link KeyBuilder#byteValue}, unsigned: 0..255. */
  public int byteValue() {
    require(1, "byteValue");
    return src[pos++] & 0xFF;
  }

  /** The next {@code n} raw bytes, as a copy. */
  public byte[] bytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative byte count " + n);
    }
    require(n, "bytes");
    byte[] out = Arrays.copyOfRange(src, pos, pos + n);
    pos += n;
    return out;
  }

  /** Offset of the next field in the array. */
  public int position() {
    return pos;
  }

  public boolean hasRemaining() {
    return pos < src.length;
  }

  public int remaining() {
    return src.length - pos;
  }

  /** A copy of all bytes not read yet; afterwards nothing remains. */
  public byte[] rest() {
    byte[] out = Arrays.copyOfRange(src, pos, src.length);
    pos = src.length;
    return out;
  }

  private void require(int n, String field) {
    if (n > src.length - pos) {
      throw new IllegalArgumentException(String.format(
          "key too short: %s needs %d bytes at position %d, %d remain",
          field, n, pos, src.length - pos));
    }
  }
}
