package io.nereid.graph.dict;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dictionary decorator with bounded LRU caches in both directions. Caching is always safe: terms
 * are never removed or reassigned, and only committed terms reach the cache. Misses (unknown
 * strings) are not cached, because another transaction may intern the string at any moment.
 */
public final class CachingDictionary implements Dictionary {

  private final Dictionary inner;
  private final Lru<String, Long> terms;
  private final Lru<Long, String> strings;

  public CachingDictionary(Dictionary inner, int maxEntries) {
    this.inner = inner;
    this.terms = new Lru<>(maxEntries);
    this.strings = new Lru<>(maxEntries);
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

  /** A synchronized access-ordered map that drops its eldest entry beyond a bound. */
  private static final class Lru<K, V> {
    private final Map<K, V> map;

    Lru(int max) {
      this.map =
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
              return size() > max;
            }
          };
    }

    synchronized V get(K k) {
      return map.get(k);
    }

    synchronized void put(K k, V v) {
      map.put(k, v);
    }
  }
}
