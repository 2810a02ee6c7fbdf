package io.nereid.graph.value;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.UUID;

/**
 * The property value types and their tag bytes. The tag is the first byte of every encoded value,
 * so each type sorts contiguously and no two types collide: Integer 1, Long 1, Double 1.0 and "1"
 * are four different keys, and a range scan for {@code gt(5)} on Integer stays within the Integer
 * tag. Tags follow TinkerPop's orderability of types (Boolean, numbers, dates, String, UUID).
 *
 * <p>The tag values are part of the storage format.
 */
public enum ValueType {
  BOOLEAN(0x10, Boolean.class, 1),
  BYTE(0x20, Byte.class, 1),
  SHORT(0x21, Short.class, 2),
  INTEGER(0x22, Integer.class, 4),
  LONG(0x23, Long.class, 8),
  FLOAT(0x24, Float.class, 4),
  DOUBLE(0x25, Double.class, 8),
  /** java.util.Date: epoch milliseconds (Neptune stores dates as epoch time too). */
  DATE(0x30, Date.class, 8),
  /** Instant (epoch second, nano) then offset seconds: the order of OffsetDateTime.compareTo. */
  OFFSET_DATE_TIME(0x31, OffsetDateTime.class, 16),
  /** Variable length: escaped UTF-8, see {@link StringValues}. */
  STRING(0x40, String.class, -1),
  UUID(0x50, java.util.UUID.class, 16);

  private static final ValueType[] BY_TAG = new ValueType[256];

  static {
    for (ValueType t : values()) {
      BY_TAG[t.tag] = t;
    }
  }

  private final int tag;
  private final Class<?> javaType;
  private final int payloadLength;

  ValueType(int tag, Class<?> javaType, int payloadLength) {
    this.tag = tag;
    this.javaType = javaType;
    this.payloadLength = payloadLength;
  }

  public byte tag() {
    return (byte) tag;
  }

  public Class<?> javaType() {
    return javaType;
  }

  /** Bytes after the tag, or -1 for the variable-length String. */
  public int payloadLength() {
    return payloadLength;
  }

  public static ValueType ofTag(byte b) {
    ValueType t = BY_TAG[b & 0xFF];
    if (t == null) {
      throw new IllegalArgumentException("unknown value tag 0x" + Integer.toHexString(b & 0xFF));
    }
    return t;
  }

  /** The type of a Java value; {@link IllegalArgumentException} for unsupported types and null. */
  public static ValueType of(Object v) {
    if (v instanceof String) return STRING;
    if (v instanceof Integer) return INTEGER;
    if (v instanceof Long) return LONG;
    if (v instanceof Double) return DOUBLE;
    if (v instanceof Boolean) return BOOLEAN;
    if (v instanceof Float) return FLOAT;
    if (v instanceof Short) return SHORT;
    if (v instanceof Byte) return BYTE;
    if (v instanceof Date) return DATE;
    if (v instanceof OffsetDateTime) return OFFSET_DATE_TIME;
    if (v instanceof UUID) return UUID;
    throw new IllegalArgumentException(
        "unsupported property value type: " + (v == null ? "null" : v.getClass().getName()));
  }

  public static boolean isSupported(Object v) {
    try {
      of(v);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
