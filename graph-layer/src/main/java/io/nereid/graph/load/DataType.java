package io.nereid.graph.load;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The column types of Neptune's Gremlin CSV format and how a field becomes a Java value: Bool,
 * Byte, Short, Int, Long, Float, Double, String, Date. {@link #parse} throws {@link
 * IllegalArgumentException} with a user-facing message when the text does not fit.
 */
public enum DataType {
  BOOL,
  BYTE,
  SHORT,
  INT,
  LONG,
  FLOAT,
  DOUBLE,
  STRING,
  DATE;

  // Decimal or scientific notation, or (+/-)Infinity / NaN. Java's own parser also takes hex
  // floats and "1.5d"; Neptune does not, so the text is checked first.
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");
  private static final Pattern SPECIAL = Pattern.compile("(?i)[+-]?(?:infinity|nan)");
  // yyyy-MM-dd, then optionally THH:mm, :ss, .fraction, and a zone (Z, +hh, +hhmm, +hh:mm).
  private static final Pattern ISO_DATE =
      Pattern.compile(
          "([+-]?[0-9]{4,9})-([0-9]{2})-([0-9]{2})"
              + "(?:T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\\.([0-9]{1,9}))?)?"
              + "(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?");

  /** The type named in a header, case-insensitive; null if there is none of that name. */
  public static DataType ofName(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "bool", "boolean" -> BOOL;
      case "byte" -> BYTE;
      case "short" -> SHORT;
      case "int", "integer" -> INT;
      case "long" -> LONG;
      case "float" -> FLOAT;
      case "double" -> DOUBLE;
      case "string" -> STRING;
      case "date", "datetime" -> DATE;
      default -> null;
    };
  }

  /** The value of {@code text} (already trimmed, not blank). */
  public Object parse(String text) {
    return switch (this) {
      case BOOL -> text.equalsIgnoreCase("true"); // Neptune: anything else is false
      case BYTE -> (byte) integer(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SHORT -> (short) integer(text, Short.MIN_VALUE, Short.MAX_VALUE);
      case INT -> (int) integer(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG -> integer(text, Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT -> {
        double d = decimal(text);
        float f = (float) d;
        if (Float.isInfinite(f) && !Double.isInfinite(d)) {
          throw outOfRange(text);
        }
        yield f;
      }
      case DOUBLE -> decimal(text);
      case STRING -> text;
      case DATE -> date(text);
    };
  }

  private long integer(String text, long min, long max) {
    if (!isInteger(text)) {
      throw new IllegalArgumentException("'" + text + "' is not a whole number (" + this + ")");
    }
    long v;
    try {
      v = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw outOfRange(text);
    }
    if (v < min || v > max) {
      throw outOfRange(text);
    }
    return v;
  }

  /**
   * Whether the text is {@code [+-]?[0-9]+} (ASCII digits only: Long.parseLong would also take
   * other scripts' digits). A loop, not the regular expression: it runs for every numeric field.
   */
  private static boolean isInteger(String text) {
    int start = !text.isEmpty() && (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
    if (start == text.length()) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private double decimal(String text) {
    if (SPECIAL.matcher(text).matches()) {
      String t = text.toLowerCase(Locale.ROOT);
      return t.endsWith("nan")
          ? Double.NaN
          : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!DECIMAL.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a number (" + this + ")");
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw outOfRange(text);
    }
    return d;
  }

  private IllegalArgumentException outOfRange(String text) {
    return new IllegalArgumentException("'" + text + "' is out of range for " + this);
  }

  /** ISO-8601 as Neptune takes it; no zone means UTC. Stored as epoch milliseconds. */
  static Date date(String text) {
    Matcher m = ISO_DATE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an ISO-8601 date (yyyy-MM-dd[THH:mm[:ss[.SSS]][Z|+hh:mm]])");
    }
    try {
      LocalDate day =
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)));
      LocalTime time = LocalTime.MIDNIGHT;
      if (m.group(4) != null) {
        int nanos = 0;
        if (m.group(7) != null) {
          nanos = Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
        }
        time =
            LocalTime.of(
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                nanos);
      }
      ZoneOffset zone = ZoneOffset.UTC;
      String z = m.group(8);
      if (z != null && !z.equals("Z")) {
        String digits = z.replace(":", "");
        int h = Integer.parseInt(digits.substring(1, 3));
        int min = digits.length() > 3 ? Integer.parseInt(digits.substring(3, 5)) : 0;
        int sign = z.charAt(0) == '-' ? -1 : 1;
        zone = ZoneOffset.ofHoursMinutes(sign * h, sign * min);
      }
      return Date.from(day.atTime(time).toInstant(zone));
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid date: " + e.getMessage());
    }
  }
}
