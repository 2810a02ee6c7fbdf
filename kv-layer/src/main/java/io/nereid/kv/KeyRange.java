package io.nereid.kv;

import java.util.Arrays;

/**
 * A half-open key interval {@code [from, to)} in unsigned byte order, scanned forward or in
 * reverse. A null bound is unbounded. Bounds are copied: callers may reuse their arrays.
 */
public final class KeyRange {

  private static final KeyRange ALL = new KeyRange(null, null, false);

  private final byte[] from;
  private final byte[] to;
  private final boolean reverse;

  private KeyRange(byte[] from, byte[] to, boolean reverse) {
    this.from = from;
    this.to = to;
    this.reverse = reverse;
  }

  public static KeyRange all() {
    return ALL;
  }

  /** Keys {@code k} with {@code from <= k < to}; either bound may be null (unbounded). */
  public static KeyRange closedOpen(byte[] from, byte[] to) {
    return new KeyRange(copy(from), copy(to), false);
  }

  public static KeyRange atLeast(byte[] from) {
    return new KeyRange(copy(from), null, false);
  }

  public static KeyRange lessThan(byte[] to) {
    return new KeyRange(null, copy(to), false);
  }

  /** Keys that start with {@code prefix}. */
  public static KeyRange prefix(byte[] prefix) {
    return new KeyRange(copy(prefix), ByteKeys.prefixEnd(prefix), false);
  }

  /** The same keys, scanned in descending order. */
  public KeyRange reversed() {
    return new KeyRange(from, to, !reverse);
  }

  /** Inclusive lower bound, or null. Do not modify. */
  public byte[] from() {
    return from;
  }

  /** Exclusive upper bound, or null. Do not modify. */
  public byte[] to() {
    return to;
  }

  public boolean isReverse() {
    return reverse;
  }

  public boolean contains(byte[] key) {
    return (from == null || ByteKeys.compare(key, from) >= 0)
        && (to == null || ByteKeys.compare(key, to) < 0);
  }

  /** True when {@code key} lies beyond the end of the scan in its direction. */
  public boolean isPastEnd(byte[] key) {
    return reverse
        ? from != null && ByteKeys.compare(key, from) < 0
        : to != null && ByteKeys.compare(key, to) >= 0;
  }

  private static byte[] copy(byte[] b) {
    return b == null ? null : b.clone();
  }

  @Override
  public String toString() {
    return (reverse ? "reverse" : "")
        + "["
        + (from == null ? "-inf" : ByteKeys.toHex(from))
        + ", "
        + (to == null ? "+inf" : ByteKeys.toHex(to))
        + ")";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyRange r
        && reverse == r.reverse
        && Arrays.equals(from, r.from)
        && Arrays.equals(to, r.to);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(from) + Arrays.hashCode(to)) + Boolean.hashCode(reverse);
  }
}
