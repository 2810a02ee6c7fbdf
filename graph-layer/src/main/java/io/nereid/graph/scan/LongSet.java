package io.nereid.graph.scan;

/** A small open-addressing set of longs, for de-duplicating ids in a result without boxing. */
public final class LongSet {

  private static final long EMPTY = Long.MIN_VALUE;

  private long[] slots = new long[16];
  private int size;
  private boolean hasEmptyValue;

  {
    java.util.Arrays.fill(slots, EMPTY);
  }

  /** Adds {@code v}; returns false if it was already present. */
  public boolean add(long v) {
    if (v == EMPTY) {
      boolean added = !hasEmptyValue;
      hasEmptyValue = true;
      return added;
    }
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = v;
    size++;
    return true;
  }

  public boolean contains(long v) {
    if (v == EMPTY) {
      return hasEmptyValue;
    }
    int mask = slots.length - 1;
    int i = mix(v) & mask;
    while (slots[i] != EMPTY) {
      if (slots[i] == v) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  public int size() {
    return size + (hasEmptyValue ? 1 : 0);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    java.util.Arrays.fill(slots, EMPTY);
    size = 0;
    for (long v : old) {
      if (v != EMPTY) {
        add(v);
      }
    }
  }

  private static int mix(long v) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
