package io.nereid.graph.load;

import io.nereid.graph.load.Drafts.KeyValues;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The property keys of one draft and their values, in the order keys were first added: a small
 * map made for the loader's heap. A batch keeps hundreds of thousands of drafts alive while it is
 * built and while the previous one commits, and each young collection copies them; most drafts
 * have one to a few keys (an edge of the social benchmark has one), for which a {@code
 * LinkedHashMap} costs about 180 bytes (map, table, entry) and this about 25 (the first key is
 * held in fields). Keys are usually the header's own String instances, so the search tests
 * identity first; past {@value #INDEXED_FROM} keys a hash index keeps lookups constant-time.
 */
final class PropertyDrafts {

  private static final int INDEXED_FROM = 12;

  private String key0;
  private KeyValues value0;
  /** Keys and values 1..size-1, or null. */
  private String[] keys;
  private KeyValues[] values;
  private int size;
  private Map<String, Integer> index;

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The i-th key in insertion order. */
  String key(int i) {
    return i == 0 ? key0 : keys[i - 1];
  }

  /** The values of the i-th key. */
  KeyValues value(int i) {
    return i == 0 ? value0 : values[i - 1];
  }

  /** The values of {@code key}, or null. */
  KeyValues get(String key) {
    int i = indexOf(key);
    return i < 0 ? null : value(i);
  }

  /** Adds {@code key}, which must not be present yet. */
  void add(String key, KeyValues v) {
    if (size == 0) {
      key0 = key;
      value0 = v;
    } else {
      if (keys == null) {
        keys = new String[2];
        values = new KeyValues[2];
      } else if (size - 1 == keys.length) {
        keys = Arrays.copyOf(keys, keys.length * 2);
        values = Arrays.copyOf(values, values.length * 2);
      }
      keys[size - 1] = key;
      values[size - 1] = v;
    }
    size++;
    if (index != null) {
      index.put(key, size - 1);
    } else if (size == INDEXED_FROM) {
      index = new HashMap<>();
      for (int i = 0; i < size; i++) {
        index.put(key(i), i);
      }
    }
  }

  /** Whether the values of some key replace the stored ones (a single-cardinality update). */
  boolean anyReplaced() {
    for (int i = 0; i < size; i++) {
      if (value(i).replaced) {
        return true;
      }
    }
    return false;
  }

  private int indexOf(String key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < size; i++) {
      if (key(i) == key) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (key(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
