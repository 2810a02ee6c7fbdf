package io.nereid.graph.load;

/**
 * One entry of a load's error log: Neptune's {@code errorLogs[]} element. {@code line} is the
 * physical line where the offending CSV record starts (the header is line 1), 0 when the error
 * concerns a whole file; it is reported as Neptune's {@code recordNum}.
 */
public record LoadError(String fileName, long line, LoadErrorCode code, String message) {

  /** One line of the error log file: tab-separated, tabs and line breaks in the message escaped. */
  public String toLogLine() {
    return fileName + '\t' + line + '\t' + code + '\t' + escape(message);
  }

  /** Parses {@link #toLogLine()} (the resumed load reads back what the earlier run logged). */
  public static LoadError parseLogLine(String s) {
    String[] f = s.split("\t", 4);
    if (f.length != 4) {
      throw new IllegalArgumentException("not an error log line: " + s);
    }
    return new LoadError(f[0], Long.parseLong(f[1]), LoadErrorCode.valueOf(f[2]), unescape(f[3]));
  }

  @Override
  public String toString() {
    return fileName + ":" + line + ": " + code + ": " + message;
  }

  private static String escape(String m) {
    return m.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String m) {
    StringBuilder sb = new StringBuilder(m.length());
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (c == '\\' && i + 1 < m.length()) {
        char n = m.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
