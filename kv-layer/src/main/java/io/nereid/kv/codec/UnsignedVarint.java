package io.nereid.kv.codec;

/**
 * An order-preserving variable-length encoding of non-negative longs (the SQLite4 varint layout).
 *
 * <p>Why not LEB128 or another little-endian varint: those do not sort. Here the first byte says
 * how long the encoding is, and larger values always get a first byte at least as large, so
 * comparing encodings as unsigned byte strings compares the values. Small values, the common case
 * for identifiers and counts, stay short:
 *
 * <pre>
 *   value                first byte   length   rest
 *   0 .. 240             value        1
 *   241 .. 2287          241 .. 248   2        (value - 240) mod 256
 *   2288 .. 67823        249          3        value - 2288, 2 bytes big-endian
 *   67824 .. 2^24-1      250          4        value, 3 bytes big-endian
 *   2^24 .. 2^32-1       251          5        value, 4 bytes big-endian
 *   2^32 .. 2^40-1       252          6        value, 5 bytes big-endian
 *   2^40 .. 2^48-1       253          7        value, 6 bytes big-endian
 *   2^48 .. 2^56-1       254          8        value, 7 bytes big-endian
 *   2^56 .. 2^63-1       255          9        value, 8 bytes big-endian
 * </pre>
 *
 * <p>Each value has exactly one encoding; {@link #read} rejects any other (an overlong form would
 * sort out of place, so meeting one means the key is corrupt). Negative values are rejected rather
 * than encoded as huge unsigned ones, so a sign bug in a caller cannot silently reorder keys.
 */
public final class UnsignedVarint {

  /** Largest encoded length, in bytes. */
  public static final int MAX_LENGTH = 9;

  private static final int ONE_BYTE_MAX = 240;
  private static final int TWO_BYTE_MAX = 2287;
  private static final int THREE_BYTE_MAX = 67823;
  /** First header byte of the plain big-endian forms: 250 + (n - 3) precedes n value bytes. */
  private static final int BIG_ENDIAN_HEADER = 250;

  private UnsignedVarint() {}

  /** Number of bytes {@code v} encodes to, 1 to 9. */
  public static int encodedLength(long v) {
    requireNonNegative(v);
    if (v <= ONE_BYTE_MAX) {
      return 1;
    }
    if (v <= TWO_BYTE_MAX) {
      return 2;
    }
    if (v <= THREE_BYTE_MAX) {
      return 3;
    }
    return 1 + bigEndianBytes(v);
  }

  /** Writes {@code v} at {@code dst[off]}; returns the offset just after it. */
  public static int write(byte[] dst, int off, long v) {
    requireNonNegative(v);
    if (v <= ONE_BYTE_MAX) {
      dst[off] = (byte) v;
      return off + 1;
    }
    if (v <= TWO_BYTE_MAX) {
      long rest = v - ONE_BYTE_MAX;
      dst[off] = (byte) (241 + (rest >>> 8));
      dst[off + 1] = (byte) rest;
      return off + 2;
    }
    if (v <= THREE_BYTE_MAX) {
      long rest = v - (TWO_BYTE_MAX + 1);
      dst[off] = (byte) 249;
      dst[off + 1] = (byte) (rest >>> 8);
      dst[off + 2] = (byte) rest;
      return off + 3;
    }
    int n = bigEndianBytes(v);
    dst[off] = (byte) (BIG_ENDIAN_HEADER + n - 3);
    for (int i = 1; i <= n; i++) {
      dst[off + i] = (byte) (v >>> (8 * (n - i)));
    }
    return off + 1 + n;
  }

  public static byte[] encode(long v) {
    byte[] out = new byte[encodedLength(v)];
    write(out, 0, v);
    return out;
  }

  /**
   * Decodes the varint that starts at {@code src[off]}.
   *
   * @throws IllegalArgumentException if the bytes are not the one encoding of their value
   */
  public static long read(byte[] src, int off) {
    int header = src[off] & 0xFF;
    if (header <= ONE_BYTE_MAX) {
      return header;
    }
    if (header <= 248) {
      long v = ONE_BYTE_MAX + ((long) (header - 241) << 8) + (src[off + 1] & 0xFF);
      return requireCanonical(v, ONE_BYTE_MAX + 1, src, off);
    }
    if (header == 249) {
      return TWO_BYTE_MAX + 1 + ((src[off + 1] & 0xFF) << 8) + (src[off + 2] & 0xFF);
    }
    int n = header - BIG_ENDIAN_HEADER + 3;
    long v = 0;
    for (int i = 1; i <= n; i++) {
      v = (v << 8) | (src[off + i] & 0xFF);
    }
    long min = n == 3 ? THREE_BYTE_MAX + 1 : 1L << (8 * (n - 1));
    return requireCanonical(v, min, src, off);
  }

  /** Number of bytes of the varint starting at {@code src[off]}, known from its first byte. */
  public static int lengthAt(byte[] src, int off) {
    int header = src[off] & 0xFF;
    if (header <= ONE_BYTE_MAX) {
      return 1;
    }
    if (header <= 248) {
      return 2;
    }
    if (header == 249) {
      return 3;
    }
    return header - BIG_ENDIAN_HEADER + 4;
  }

  /** Bytes needed for {@code v} in plain big-endian form, at least 3 (v > 67823 here). */
  private static int bigEndianBytes(long v) {
    int significantBits = 64 - Long.numberOfLeadingZeros(v);
    return Math.max(3, (significantBits + 7) / 8);
  }

  /** {@code v < 0} also catches a 9-byte form whose top bit is set: not a non-negative long. */
  private static long requireCanonical(long v, long min, byte[] src, int off) {
    if (v < min) {
      throw new IllegalArgumentException(
          "non-canonical or out-of-range varint at offset " + off + ", first byte "
              + (src[off] & 0xFF));
    }
    return v;
  }

  private static void requireNonNegative(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("unsigned varint of a negative value: " + v);
    }
  }
}
