package io.nereid.graph.dict;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A dictionary decorator with bounded caches in both directions. Caching is always safe: terms
 * are never removed or reassigned, and only committed terms reach the cache. Misses (unknown
 * strings) are not cached, because another transaction may intern the string at any moment.
 *
 * <p>Every label, property key and edge read goes through here, from every query thread, so a hit
 * takes no lock (an access-ordered map needs one even to read). The hot set — labels and keys —
 * is small; a cache that overflows is emptied and refills from the store, which keeps it bounded
 * without ordering.
 */
public final class CachingDictionary implements Dictionary {

  private final Dictionary inner;
  private final Bounded<String, Long> terms;
  private final Bounded<Long, String> strings;

  public CachingDictionary(Dictionary inner, int maxEntries) {
    this.inner = inner;
    this.terms = new Bounded<>(maxEntries);
    this.strings = new Bounded<>(maxEntries);
  }

  @Override
  public long intern(String s) {
    Long t = terms.get(s);
    if (t != null) {
      return t;
    }
    long term = inner.intern(s);
    remember(s, term);
    return term;
  }

  @Override
  public long lookup(String s) {
    Long t = terms.get(s);
    if (t != null) {
      return t;
    }
    long term = inner.lookup(s);
    if (term != ABSENT) {
      remember(s, term);
    }
    return term;
  }

  @Override
  public String string(long term) {
    String s = strings.get(term);
    if (s != null) {
      return s;
    }
    s = inner.string(term);
    remember(s, term);
    return s;
  }

  private void remember(String s, long term) {
    terms.put(s, term);
    strings.put(term, s);
  }

  /** A concurrent map emptied when it would grow beyond its bound. */
  private static final class Bounded<K, V> {
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int max;

    Bounded(int max) {
      this.max = max;
    }

    V get(K k) {
      return map.get(k);
    }

    void put(K k, V v) {
      if (map.size() >= max && !map.containsKey(k)) {
        map.clear();
      }
      map.put(k, v);
    }
  }
}
