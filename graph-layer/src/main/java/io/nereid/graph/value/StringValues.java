package io.nereid.graph.value;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.codec.StringCodec;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.Arrays;

/**
 * String payloads. Keys are limited to 511 bytes, so a string value is inlined only up to {@link
 * #INLINE_BYTES} bytes of UTF-8:
 *
 * <pre>
 *   short:  esc(utf8)            00 01                 (exactly {@link StringCodec}'s format)
 *   long:   esc(first 128 bytes) 00 02 varint(term)    (the whole string is in the dictionary)
 * </pre>
 *
 * esc() doubles nothing but 0x00, written 00 FF. Byte order of the encodings is code-point order of
 * the strings, except among long strings that share their first 128 bytes, which sort by term.
 * Range scans therefore widen a long bound to its whole prefix group and filter exactly.
 */
public final class StringValues {

  /** Strings of at most this many UTF-8 bytes are stored inline in keys. */
  public static final int INLINE_BYTES = 128;

  static final byte END_SHORT = 0x01;
  static final byte END_LONG = 0x02;

  private StringValues() {}

  public static boolean isInline(byte[] utf8) {
    return utf8.length <= INLINE_BYTES;
  }

  /** The payload of an inline string. */
  static byte[] inline(String s) {
    return StringCodec.encode(s);
  }

  /** The payload of a long string with dictionary term {@code term}. */
  static byte[] longForm(byte[] utf8, long term) {
    byte[] head = groupPrefix(utf8);
    byte[] out = Arrays.copyOf(head, head.length + UnsignedVarint.encodedLength(term));
    UnsignedVarint.write(out, head.length, term);
    return out;
  }

  /** esc(first 128 bytes) 00 02: the prefix every long string with these first bytes shares. */
  static byte[] groupPrefix(byte[] utf8) {
    int n = Math.min(utf8.length, INLINE_BYTES);
    byte[] out = new byte[2 * n + 2];
    int w = 0;
    for (int i = 0; i < n; i++) {
      out[w++] = utf8[i];
      if (utf8[i] == 0) {
        out[w++] = (byte) 0xFF;
      }
    }
    out[w++] = 0;
    out[w++] = END_LONG;
    return Arrays.copyOf(out, w);
  }

  /** Length of the payload starting at {@code off} (just after the tag). */
  static int lengthAt(byte[] b, int off) {
    int i = off;
    while (true) {
      if (b[i] != 0) {
        i++;
      } else if (b[i + 1] == (byte) 0xFF) {
        i += 2;
      } else if (b[i + 1] == END_SHORT) {
        return i + 2 - off;
      } else if (b[i + 1] == END_LONG) {
        return i + 2 + UnsignedVarint.lengthAt(b, i + 2) - off;
      } else {
        throw new IllegalArgumentException(
            "bad string escape at " + i + " in " + ByteKeys.toHex(b));
      }
    }
  }

  /** The dictionary term of a long payload at {@code off}, or -1 for an inline one. */
  static long longTerm(byte[] b, int off) {
    int len = lengthAt(b, off);
    int end = off + len;
    // An inline payload ends in 00 01; a long one has 00 02 and a varint before its end.
    int i = off;
    while (true) {
      if (b[i] != 0) {
        i++;
      } else if (b[i + 1] == (byte) 0xFF) {
        i += 2;
      } else {
        return b[i + 1] == END_SHORT ? -1 : UnsignedVarint.read(b, i + 2);
      }
      if (i >= end) {
        throw new IllegalStateException("unterminated string");
      }
    }
  }

  static String readInline(byte[] b, int off) {
    return StringCodec.read(b, off);
  }

  /** Code-point order, which is UTF-8 byte order and the order of the keys. */
  public static int compare(String a, String b) {
    return Arrays.compareUnsigned(Utf8.encode(a), Utf8.encode(b));
  }
}
