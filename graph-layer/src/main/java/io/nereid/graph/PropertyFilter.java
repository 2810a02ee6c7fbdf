package io.nereid.graph;

import java.util.Objects;

/** A condition on one property of an edge, for adjacency scans: equality or a value range. */
public record PropertyFilter(String key, Object value, ValueRange range) {

  public PropertyFilter {
    Objects.requireNonNull(key, "key");
    if ((value == null) == (range == null)) {
      throw new IllegalArgumentException("give either a value or a range");
    }
  }

  public static PropertyFilter eq(String key, Object value) {
    return new PropertyFilter(key, Objects.requireNonNull(value, "value"), null);
  }

  public static PropertyFilter in(String key, ValueRange range) {
    return new PropertyFilter(key, null, range);
  }

  public boolean test(Object candidate) {
    return candidate != null && (range != null ? range.test(candidate) : value.equals(candidate));
  }
}
