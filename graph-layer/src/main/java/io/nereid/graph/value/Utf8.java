package io.nereid.graph.value;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Strict UTF-8. {@link String#getBytes} replaces an unpaired surrogate with '?', which would give
 * two different strings the same key (and the key codec refuses such strings anyway), so every
 * string that becomes part of a key goes through here and is refused if it is not well-formed.
 */
public final class Utf8 {

  private Utf8() {}

  public static byte[] encode(String s) {
    try {
      ByteBuffer b =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not a well-formed string (unpaired surrogate?)", e);
    }
  }

  public static String decode(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
