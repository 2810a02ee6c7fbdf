package io.nereid.kv.codec;

import java.nio.charset.StandardCharsets;

/**
 * The decoding half of {@link StringCodec}: escaped UTF-8 back to a string, strictly. Strict
 * because bytes that decode only leniently (an overlong form, an encoded surrogate) would be a
 * second encoding of some string, sorting elsewhere than its real one: they mean a corrupt or
 * foreign key, and are refused.
 */
final class StringDecoder {

  private StringDecoder() {}

  /**
   * Decodes the escaped UTF-8 in {@code src[from, to)}: a string's bytes without its terminator,
   * as delimited by {@link StringCodec#lengthAt}, which has also checked that every 0x00 there
   * starts a {@code 00 FF} escape.
   */
  static String decode(byte[] src, int from, int to) {
    if (isPlainAscii(src, from, to)) {
      return new String(src, from, to - from, StandardCharsets.ISO_8859_1);
    }
    // A UTF-8 sequence of n bytes is never more than n UTF-16 chars.
    char[] out = new char[to - from];
    int n = 0;
    int i = from;
    while (i < to) {
      int b = src[i] & 0xFF;
      if (b == 0) {
        out[n++] = 0;
        i += 2;
      } else if (b < 0x80) {
        out[n++] = (char) b;
        i++;
      } else {
        int cp = decodeMultiByte(src, i);
        i += cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        n += Character.toChars(cp, out, n);
      }
    }
    return new String(out, 0, n);
  }

  /** The code point of the 2..4 byte sequence at {@code src[i]}, refusing every malformed one. */
  private static int decodeMultiByte(byte[] src, int i) {
    int lead = src[i] & 0xFF;
    int length;
    int cp;
    int min;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      throw malformed(src, i);
    }
    // No bounds check against "to": a sequence cut short meets the terminator's 0x00 at "to",
    // which is no continuation byte.
    for (int k = 1; k < length; k++) {
      int next = src[i + k] & 0xFF;
      if ((next & 0xC0) != 0x80) {
        throw malformed(src, i);
      }
      cp = cp << 6 | next & 0x3F;
    }
    boolean surrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
    if (cp < min || cp > Character.MAX_CODE_POINT || surrogate) {
      throw malformed(src, i);
    }
    return cp;
  }

  private static boolean isPlainAscii(byte[] src, int from, int to) {
    for (int i = from; i < to; i++) {
      if (src[i] <= 0) { // 0x00 escapes and bytes >= 0x80 are negative or zero
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException malformed(byte[] src, int i) {
    return new IllegalArgumentException(
        "malformed UTF-8 in string at offset " + i + ", byte " + StringCodec.hex(src[i]));
  }
}
