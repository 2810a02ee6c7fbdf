package io.nereid.kv.codec;

import io.nereid.kv.ByteKeys;
import java.util.Arrays;

/**
 * Composes a key field by field. Each method appends one field in its order-preserving encoding,
 * so the finished key sorts like the tuple of its fields: keys that share leading fields sit next
 * to each other and can be scanned as one prefix range.
 *
 * <p>Every field is self-delimiting except {@link #bytes}, which appends raw bytes: put that last,
 * or only where the schema fixes its length, or the tuple order is lost. Read a key back with a
 * {@link KeyReader}, calling the same methods in the same order.
 *
 * <p>Reusable ({@link #reset}) to build many keys without allocating per key beyond {@link
 * #build}. Not thread-safe. The store limits keys to {@link
 * io.nereid.kv.KvStoreConfig#MAX_KEY_BYTES} bytes; the builder does not, as it also builds
 * prefixes and values.
 */
public final class KeyBuilder {

  private static final int DEFAULT_CAPACITY = 32;

  private byte[] buf;
  private int length;

  public KeyBuilder() {
    this(DEFAULT_CAPACITY);
  }

  /** A builder whose first {@code capacity} bytes need no reallocation. */
  public KeyBuilder(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity " + capacity);
    }
    buf = new byte[capacity];
  }

  /** Appends a non-negative number as an {@link UnsignedVarint}: short for small values. */
  public KeyBuilder varint(long v) {
    ensureRoom(UnsignedVarint.encodedLength(v));
    length = UnsignedVarint.write(buf, length, v);
    return this;
  }

  /** Appends 8 bytes in unsigned order ({@link FixedLong}). */
  public KeyBuilder fixedLong(long v) {
    ensureRoom(FixedLong.LENGTH);
    length = FixedLong.write(buf, length, v);
    return this;
  }

  /** Appends 4 bytes in unsigned order ({@link FixedInt}). */
  public KeyBuilder fixedInt(int v) {
    ensureRoom(FixedInt.LENGTH);
    length = FixedInt.write(buf, length, v);
    return this;
  }

  /** Appends 8 bytes in signed order ({@link SignedLongCodec}). */
  public KeyBuilder signedLong(long v) {
    ensureRoom(SignedLongCodec.LENGTH);
    length = SignedLongCodec.write(buf, length, v);
    return this;
  }

  /** Appends 4 bytes in signed order ({@link SignedIntCodec}). */
  public KeyBuilder signedInt(int v) {
    ensureRoom(SignedIntCodec.LENGTH);
    length = SignedIntCodec.write(buf, length, v);
    return this;
  }

  /** Appends 8 bytes in {@link Double#compare} order ({@link DoubleCodec}). */
  public KeyBuilder doubleValue(double v) {
    ensureRoom(DoubleCodec.LENGTH);
    length = DoubleCodec.write(buf, length, v);
    return this;
  }

  /** Appends 4 bytes in {@link Float#compare} order ({@link FloatCodec}). */
  public KeyBuilder floatValue(float v) {
    ensureRoom(FloatCodec.LENGTH);
    length = FloatCodec.write(buf, length, v);
    return this;
  }

  /**
   * Appends a terminated string in code point order ({@link StringCodec}). An unpaired surrogate
   * throws {@link IllegalArgumentException} and leaves the key as it was (as does any refused
   * field: the length only moves once a field is fully written).
   */
  public KeyBuilder string(String s) {
    ensureRoom(StringCodec.encodedLength(s));
    length = StringCodec.write(buf, length, s);
    return this;
  }

  /** Appends raw bytes, NOT self-delimiting: only as the last field or a fixed-length one. */
  public KeyBuilder bytes(byte[] b) {
    ensureRoom(b.length);
    System.arraycopy(b, 0, buf, length, b.length);
    length += b.length;
    return this;
  }

  /**
   * Appends one raw byte, such as a tag that says what kind of key follows. Takes 0..255, and also
   * -128..-1 so that a Java {@code byte} can be passed as it is ({@code -1} appends 0xFF); anything
   * else is a mistake and throws, rather than being silently cut to 8 bits.
   */
  public KeyBuilder byteValue(int b) {
    if (b < Byte.MIN_VALUE || b > 0xFF) {
      throw new IllegalArgumentException("not a byte: " + b);
    }
    ensureRoom(1);
    buf[length++] = (byte) b;
    return this;
  }

  /** Number of bytes appended since creation or the last {@link #reset}. */
  public int length() {
    return length;
  }

  /** A copy of the bytes appended so far; the builder can go on appending. */
  public byte[] build() {
    return Arrays.copyOf(buf, length);
  }

  /** Empties the builder, keeping its buffer for the next key. */
  public KeyBuilder reset() {
    length = 0;
    return this;
  }

  @Override
  public String toString() {
    return ByteKeys.toHex(build());
  }

  private void ensureRoom(int extra) {
    int needed = Math.addExact(length, extra);
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, 2 * buf.length));
    }
  }
}
