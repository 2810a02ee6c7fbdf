package io.nereid.graph.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 records from UTF-8 bytes, with the line each record starts on.
 *
 * <p>It works on bytes, not characters: the delimiters, quotes and line breaks are ASCII and never
 * occur inside a multi-byte UTF-8 sequence, so splitting first and decoding each field afterwards
 * is exact, fast for ASCII, and lets a field with invalid UTF-8 be reported at its own line (a
 * character decoder over the whole stream would fail for the whole file, or silently substitute).
 *
 * <p>Rules (Neptune's Gremlin CSV): fields separated by {@code ,}, records by LF, CR LF or CR;
 * spaces and tabs around a field are ignored; a quoted field may hold delimiters, line breaks and
 * doubled quotes; a quote inside an unquoted field, text after a closing quote and a quote that is
 * never closed are errors. Lines that hold nothing are skipped. A UTF-8 byte order mark is skipped.
 * A malformed record is consumed to its end before its {@link LoadException} is thrown, so that the
 * next call continues with the next record.
 */
public final class CsvTokenizer implements Closeable {

  private static final int EOF = -1;

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long line = 1;
  private byte[] field = new byte[256];
  private int flen;
  private boolean nonAscii;
  private boolean pendingUnclosed; // the last quoted field ran into the end of the input
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  public CsvTokenizer(InputStream in) throws IOException {
    this.in = in;
    fill();
    if (limit - pos >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
      pos = 3;
    }
  }

  /**
   * Reads the next record into {@code r}; false at the end of the input.
   *
   * @throws LoadException PARSING_ERROR for a malformed record (already consumed)
   */
  public boolean next(CsvRecord r) throws IOException {
    while (true) {
      if (peek() == EOF) {
        return false;
      }
      r.clear(line);
      String error = null;
      int c;
      do {
        flen = 0;
        nonAscii = false;
        c = read();
        while (c == ' ' || c == '\t') {
          c = read();
        }
        boolean quoted = c == '"';
        if (quoted) {
          c = readQuoted();
          if (pendingUnclosed && error == null) {
            error = "unbalanced quotes: the quoted field in column " + (r.size() + 1)
                + " is never closed (it runs to the end of the file)";
          }
          while (c == ' ' || c == '\t') {
            c = read();
          }
          if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
            if (error == null) {
              error = "unexpected character '" + (char) c + "' after the closing quote of column "
                  + (r.size() + 1);
            }
            c = skipField(c);
          }
        } else {
          while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
            if (c == '"' && error == null) {
              error = "a quote inside the unquoted field of column " + (r.size() + 1)
                  + " (a field holding quotes, commas or line breaks must be quoted)";
            }
            append(c);
            c = read();
          }
          while (flen > 0 && (field[flen - 1] == ' ' || field[flen - 1] == '\t')) {
            flen--;
          }
        }
        String value = quoted || flen > 0 ? decode() : null;
        if (value == null && nonAscii && error == null) {
          error = "invalid UTF-8 in column " + (r.size() + 1);
        }
        r.add(quoted && value == null ? "" : value, quoted);
      } while (c == ',');
      endLine(c);
      if (error != null) {
        throw new LoadException(LoadErrorCode.PARSING_ERROR, r.line(), error);
      }
      if (r.size() == 1 && r.get(0) == null) {
        continue; // an empty (or all-blank) line
      }
      return true;
    }
  }

  /** Reads a quoted field's content; returns the character after the closing quote (or EOF). */
  private int readQuoted() throws IOException {
    pendingUnclosed = false;
    while (true) {
      int c = read();
      if (c == EOF) {
        pendingUnclosed = true;
        return EOF;
      }
      if (c == '"') {
        c = read();
        if (c != '"') {
          return c;
        }
      } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      append(c);
    }
  }

  private int skipField(int c) throws IOException {
    while (c != ',' && c != '\n' && c != '\r' && c != EOF) {
      c = read();
    }
    return c;
  }

  private void endLine(int c) throws IOException {
    if (c == '\r') {
      if (peek() == '\n') {
        read();
      }
      line++;
    } else if (c == '\n') {
      line++;
    }
  }

  /** The field as a string; null (with {@link #nonAscii} set) when it is not valid UTF-8. */
  private String decode() {
    if (!nonAscii) {
      return new String(field, 0, flen, StandardCharsets.ISO_8859_1);
    }
    try {
      String s = utf8.reset().decode(ByteBuffer.wrap(field, 0, flen)).toString();
      nonAscii = false;
      return s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private void append(int c) {
    if (flen == field.length) {
      field = java.util.Arrays.copyOf(field, flen * 2);
    }
    field[flen++] = (byte) c;
    if (c >= 0x80) {
      nonAscii = true;
    }
  }

  private int read() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buf[pos++] & 0xFF;
  }

  private int peek() throws IOException {
    if (pos == limit && !fill()) {
      return EOF;
    }
    return buf[pos] & 0xFF;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    pos = 0;
    limit = Math.max(n, 0);
    return n > 0;
  }

  /** The line the next record starts on (after the last one read). */
  public long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
