package io.nereid.graph.load;

/**
 * A minimal JSON writer (the project has no JSON library, and the loader's status needs only
 * objects, arrays, strings and numbers). Commas are inserted automatically.
 */
final class Json {

  private final StringBuilder sb = new StringBuilder();
  private boolean needComma;

  Json begin() {
    comma();
    sb.append('{');
    needComma = false;
    return this;
  }

  Json end() {
    sb.append('}');
    needComma = true;
    return this;
  }

  Json beginArray() {
    comma();
    sb.append('[');
    needComma = false;
    return this;
  }

  Json endArray() {
    sb.append(']');
    needComma = true;
    return this;
  }

  /** A member name; the next value call writes its value. */
  Json name(String n) {
    comma();
    string(n);
    sb.append(':');
    needComma = false;
    return this;
  }

  Json value(String s) {
    comma();
    string(s);
    needComma = true;
    return this;
  }

  Json value(long n) {
    comma();
    sb.append(n);
    needComma = true;
    return this;
  }

  Json field(String n, String s) {
    return name(n).value(s);
  }

  Json field(String n, long v) {
    return name(n).value(v);
  }

  private void comma() {
    if (needComma) {
      sb.append(',');
    }
  }

  private void string(String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
