package io.nereid.kv.codec;

/**
 * A string as UTF-8 with its NULs escaped and a terminator, so that encodings sort in Unicode code
 * point order and a string field can be followed by further key fields.
 *
 * <p>Layout: each code point in UTF-8, except U+0000, which is written {@code 00 FF}; then the
 * terminator {@code 00 01}.
 *
 * <p>Why a terminator: without one, the tuple ("a", "bc") and ("ab", "c") would concatenate to the
 * same bytes, and a string would not know where it ends. The terminator has to sort below every
 * character so that a string sorts before its extensions ("a" before "ab"), which leaves 0x00 as
 * its first byte. Why the NUL escape: U+0000 is a legal character, and in plain UTF-8 it is a 0x00
 * byte that would be mistaken for the terminator. Escaped as {@code 00 FF} it sorts after the
 * terminator {@code 00 01} ("a" before "a\0") and before every other character, whose UTF-8 starts
 * with a byte of at least 0x01 ("a\0b" before "ab"). 0xFF never occurs in UTF-8, and so the escape
 * is unambiguous.
 *
 * <p>Why code point order and not {@link String#compareTo}: UTF-8 byte order is code point order,
 * while {@code compareTo} compares UTF-16 code units. They disagree when a supplementary character
 * (U+10000 and up, held as a surrogate pair whose first unit is 0xD800..0xDBFF) meets a character
 * in U+E000..U+FFFF: {@code compareTo} puts the string of U+FFFF after the string of U+10000, as
 * 0xFFFF > 0xD800, but here U+FFFF sorts first. Code that sorts strings in memory to match key
 * order must compare code points.
 *
 * <p>Only well-formed strings are encoded: an unpaired surrogate has no UTF-8 form, and replacing
 * it (as {@link String#getBytes} does) would make different strings share a key, so it is refused
 * with an {@link IllegalArgumentException} naming its index. Decoding likewise refuses malformed
 * UTF-8 (overlong forms, encoded surrogates, bytes above U+10FFFF).
 */
public final class StringCodec {

  /** Length of the terminator {@code 00 01}. */
  public static final int TERMINATOR_LENGTH = 2;

  private static final byte ESCAPE = 0x00;
  private static final byte ESCAPED_NUL = (byte) 0xFF;
  private static final byte TERMINATOR = 0x01;

  private StringCodec() {}

  /** Number of bytes {@code s} encodes to, terminator included. */
  public static int encodedLength(String s) {
    int n = TERMINATOR_LENGTH;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        n += 2;
      } else if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isSurrogate(c)) {
        requireSurrogatePair(s, i);
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Writes {@code s} at {@code dst[off]}; returns the offset after its terminator. If {@code s}
   * holds an unpaired surrogate, throws with part of {@code dst} overwritten; call {@link
   * #encodedLength} first to validate without writing.
   */
  public static int write(byte[] dst, int off, String s) {
    int p = off;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        dst[p++] = ESCAPE;
        dst[p++] = ESCAPED_NUL;
      } else if (c < 0x80) {
        dst[p++] = (byte) c;
      } else if (c < 0x800) {
        dst[p++] = (byte) (0xC0 | c >>> 6);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      } else if (Character.isSurrogate(c)) {
        int cp = requireSurrogatePair(s, i++);
        dst[p++] = (byte) (0xF0 | cp >>> 18);
        dst[p++] = (byte) (0x80 | cp >>> 12 & 0x3F);
        dst[p++] = (byte) (0x80 | cp >>> 6 & 0x3F);
        dst[p++] = (byte) (0x80 | cp & 0x3F);
      } else {
        dst[p++] = (byte) (0xE0 | c >>> 12);
        dst[p++] = (byte) (0x80 | c >>> 6 & 0x3F);
        dst[p++] = (byte) (0x80 | c & 0x3F);
      }
    }
    dst[p++] = ESCAPE;
    dst[p++] = TERMINATOR;
    return p;
  }

  public static byte[] encode(String s) {
    byte[] out = new byte[encodedLength(s)];
    write(out, 0, s);
    return out;
  }

  /**
   * Decodes the string that starts at {@code src[off]}.
   *
   * @throws IllegalArgumentException if it is unterminated, badly escaped or not well-formed UTF-8
   */
  public static String read(byte[] src, int off) {
    return StringDecoder.decode(src, off, off + lengthAt(src, off) - TERMINATOR_LENGTH);
  }

  /**
   * Number of bytes of the string starting at {@code src[off]}, terminator included. Finds the
   * terminator without decoding: outside escapes, UTF-8 never contains a 0x00 byte.
   *
   * @throws IllegalArgumentException if there is no terminator or a 0x00 is followed by a byte
   *     other than 0x01 or 0xFF
   */
  public static int lengthAt(byte[] src, int off) {
    for (int i = off; i < src.length - 1; i++) {
      if (src[i] == ESCAPE) {
        if (src[i + 1] == TERMINATOR) {
          return i + TERMINATOR_LENGTH - off;
        }
        if (src[i + 1] != ESCAPED_NUL) {
          throw new IllegalArgumentException(
              "bad escape 00 " + hex(src[i + 1]) + " in string at offset " + i);
        }
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated string starting at offset " + off);
  }

  /** The code point of the surrogate pair at {@code s[i]}, or an exception naming the index. */
  private static int requireSurrogatePair(String s, int i) {
    char high = s.charAt(i);
    if (Character.isHighSurrogate(high) && i + 1 < s.length()) {
      char low = s.charAt(i + 1);
      if (Character.isLowSurrogate(low)) {
        return Character.toCodePoint(high, low);
      }
    }
    throw new IllegalArgumentException(String.format(
        "unpaired surrogate U+%04X at index %d of a string of length %d", (int) high, i,
        s.length()));
  }

  static String hex(byte b) {
    return String.format("%02X", b & 0xFF);
  }
}
