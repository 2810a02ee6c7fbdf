package io.nereid.graph.value;

import io.nereid.graph.dict.Dictionary;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.codec.DoubleCodec;
import io.nereid.kv.codec.FloatCodec;
import io.nereid.kv.codec.KeyBuilder;
import io.nereid.kv.codec.SignedByteCodec;
import io.nereid.kv.codec.SignedIntCodec;
import io.nereid.kv.codec.SignedLongCodec;
import io.nereid.kv.codec.SignedShortCodec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.UUID;

/**
 * Order-preserving encoding of typed property values: a {@link ValueType} tag byte, then a payload
 * whose unsigned byte order is the value order within the type. Numbers, booleans, dates and UUIDs
 * are inline (as in Neptune); strings are inline up to {@link StringValues#INLINE_BYTES} bytes and
 * otherwise refer to a dictionary term, which is why this codec holds a {@link Dictionary}.
 */
public final class ValueCodec {

  private final Dictionary dictionary;

  public ValueCodec(Dictionary dictionary) {
    this.dictionary = dictionary;
  }

  /** Encodes a value for writing; a long string is interned (in its own small transaction). */
  public byte[] encode(Object value) {
    return encode(value, true);
  }

  /**
   * Encodes a value for a lookup, or returns null when it cannot be stored anywhere (a long string
   * with no dictionary term), in which case no quad can match it.
   */
  public byte[] encodeIfKnown(Object value) {
    return encode(value, false);
  }

  private byte[] encode(Object value, boolean intern) {
    ValueType type = ValueType.of(value);
    KeyBuilder kb = new KeyBuilder(24).byteValue(type.tag());
    switch (type) {
      case BOOLEAN -> kb.byteValue((Boolean) value ? 1 : 0);
      case BYTE -> kb.bytes(SignedByteCodec.encode((Byte) value));
      case SHORT -> kb.bytes(SignedShortCodec.encode((Short) value));
      case INTEGER -> kb.signedInt((Integer) value);
      case LONG -> kb.signedLong((Long) value);
      case FLOAT -> kb.floatValue((Float) value);
      case DOUBLE -> kb.doubleValue((Double) value);
      case DATE -> kb.signedLong(((Date) value).getTime());
      case OFFSET_DATE_TIME -> {
        OffsetDateTime t = (OffsetDateTime) value;
        kb.signedLong(t.toEpochSecond())
            .signedInt(t.getNano())
            .signedInt(t.getOffset().getTotalSeconds());
      }
      case UUID -> {
        UUID u = (UUID) value;
        kb.signedLong(u.getMostSignificantBits()).signedLong(u.getLeastSignificantBits());
      }
      case STRING -> {
        String s = (String) value;
        byte[] utf8 = Utf8.encode(s);
        if (StringValues.isInline(utf8)) {
          kb.bytes(StringValues.inline(s));
        } else {
          long term = intern ? dictionary.intern(s) : dictionary.lookup(s);
          if (term == Dictionary.ABSENT) {
            return null;
          }
          kb.bytes(StringValues.longForm(utf8, term));
        }
      }
    }
    return kb.build();
  }

  public Object decode(byte[] b) {
    return decode(b, 0);
  }

  /** Decodes the value at {@code off}; a long string is read from the dictionary. */
  public Object decode(byte[] b, int off) {
    ValueType type = ValueType.ofTag(b[off]);
    int p = off + 1;
    return switch (type) {
      case BOOLEAN -> b[p] != 0;
      case BYTE -> SignedByteCodec.read(b, p);
      case SHORT -> SignedShortCodec.read(b, p);
      case INTEGER -> SignedIntCodec.read(b, p);
      case LONG -> SignedLongCodec.read(b, p);
      case FLOAT -> FloatCodec.read(b, p);
      case DOUBLE -> DoubleCodec.read(b, p);
      case DATE -> new Date(SignedLongCodec.read(b, p));
      case OFFSET_DATE_TIME -> {
        Instant i =
            Instant.ofEpochSecond(SignedLongCodec.read(b, p), SignedIntCodec.read(b, p + 8));
        yield OffsetDateTime.ofInstant(
            i, ZoneOffset.ofTotalSeconds(SignedIntCodec.read(b, p + 12)));
      }
      case UUID -> new UUID(SignedLongCodec.read(b, p), SignedLongCodec.read(b, p + 8));
      case STRING -> {
        long term = StringValues.longTerm(b, p);
        yield term < 0 ? StringValues.readInline(b, p) : dictionary.string(term);
      }
    };
  }

  /** Length of the encoded value (tag included) starting at {@code off}. */
  public static int lengthAt(byte[] b, int off) {
    ValueType type = ValueType.ofTag(b[off]);
    int payload = type.payloadLength();
    return 1 + (payload >= 0 ? payload : StringValues.lengthAt(b, off + 1));
  }

  public static ValueType typeAt(byte[] b, int off) {
    return ValueType.ofTag(b[off]);
  }

  /** The dictionary term of an encoded long string, or -1 for any other value. */
  public static long longStringTerm(byte[] b, int off) {
    return ValueType.ofTag(b[off]) == ValueType.STRING ? StringValues.longTerm(b, off + 1) : -1;
  }

  /**
   * Encoded bounds {@code [from, to)} covering every value of {@code type} within the given bounds
   * (a null bound is open). The range may be wider than asked (long strings widen to their prefix
   * group, an unknown long string to the group it would be in), never narrower: callers filter
   * candidates exactly.
   */
  public byte[][] rangeBounds(
      ValueType type, Object lower, boolean lowerInclusive, Object upper, boolean upperInclusive) {
    byte[] tag = {type.tag()};
    byte[] from;
    if (lower == null) {
      from = tag;
    } else if (isLongString(lower)) {
      from = stringGroupStart(tag, (String) lower);
    } else {
      byte[] e = encode(lower, false);
      from = lowerInclusive ? e : ByteKeys.prefixEnd(e);
    }
    byte[] to;
    if (upper == null) {
      to = ByteKeys.prefixEnd(tag);
    } else if (isLongString(upper)) {
      to = ByteKeys.prefixEnd(stringGroupStart(tag, (String) upper));
    } else {
      byte[] e = encode(upper, false);
      to = upperInclusive ? ByteKeys.prefixEnd(e) : e;
    }
    return new byte[][] {from, to};
  }

  private static boolean isLongString(Object v) {
    return v instanceof String s && !StringValues.isInline(Utf8.encode(s));
  }

  private static byte[] stringGroupStart(byte[] tag, String s) {
    return ByteKeys.concat(tag, StringValues.groupPrefix(Utf8.encode(s)));
  }

  /**
   * Compares two values of the same type in key order: code points for strings, {@link
   * Double#compare} (so -0.0 before 0.0, NaN last) for floating point, natural order otherwise.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object a, Object b) {
    ValueType t = ValueType.of(a);
    if (t != ValueType.of(b)) {
      return Integer.compare(t.tag() & 0xFF, ValueType.of(b).tag() & 0xFF);
    }
    return switch (t) {
      case STRING -> StringValues.compare((String) a, (String) b);
      case DATE -> Long.compare(((Date) a).getTime(), ((Date) b).getTime());
      default -> ((Comparable) a).compareTo(b);
    };
  }
}
