package io.nereid.graph.load;

import java.util.Arrays;

/**
 * One CSV record as read by {@link CsvTokenizer}: its fields, whether each was quoted, and the line
 * it starts on. A field that is null is <em>blank</em> (nothing between the delimiters): Neptune
 * loads no value for it. A quoted empty field ({@code ""}) is the empty string instead, which
 * {@code allowEmptyStrings} decides about. Reused from record to record.
 */
public final class CsvRecord {

  private String[] fields = new String[16];
  private boolean[] quoted = new boolean[16];
  private int size;
  private long line;

  void clear(long startLine) {
    size = 0;
    line = startLine;
  }

  void add(String value, boolean wasQuoted) {
    if (size == fields.length) {
      fields = Arrays.copyOf(fields, size * 2);
      quoted = Arrays.copyOf(quoted, size * 2);
    }
    fields[size] = value;
    quoted[size++] = wasQuoted;
  }

  public int size() {
    return size;
  }

  /** The field's text, or null when it is blank. */
  public String get(int i) {
    return fields[i];
  }

  public boolean quoted(int i) {
    return quoted[i];
  }

  /** The physical line (1-based) where the record starts. */
  public long line() {
    return line;
  }

  /** A record made of the given fields, for tests and tools. */
  public static CsvRecord of(long line, String... values) {
    CsvRecord r = new CsvRecord();
    r.clear(line);
    for (String v : values) {
      r.add(v, v != null && v.isEmpty());
    }
    return r;
  }

  @Override
  public String toString() {
    return "line " + line + ": " + Arrays.toString(Arrays.copyOf(fields, size));
  }
}
