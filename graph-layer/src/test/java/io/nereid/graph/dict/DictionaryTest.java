package io.nereid.graph.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DictionaryTest {

  @TempDir Path dir;

  @Test
  void internIsIdempotentAndPersistent() {
    long person;
    long longOne;
    String long500 = "k".repeat(500); // beyond 400 bytes: keyed by SHA-256
    try (GraphStore store = TestStores.open(dir, 3)) {
      KvDictionary d = store.storedDictionary();
      person = d.intern("person");
      assertEquals(person, d.intern("person"));
      assertEquals(person, d.lookup("person"));
      assertEquals("person", d.string(person));
      assertEquals(Dictionary.ABSENT, d.lookup("nobody"));
      longOne = d.intern(long500);
      assertNotEquals(person, longOne);
      assertEquals(long500, d.string(longOne));
      assertEquals(longOne, d.intern(long500));
      assertNotEquals(d.intern(""), d.intern("\u0000"));
      assertThrows(IllegalStateException.class, () -> d.string(987_654));
      assertThrows(IllegalArgumentException.class, () -> d.intern("\udc00"));
      TestStores.assertConsistent(store);
    }
    try (GraphStore store = TestStores.open(dir, 3)) {
      assertEquals(person, store.dictionary().lookup("person"));
      assertEquals(longOne, store.dictionary().lookup(long500));
      assertNotEquals(person, store.dictionary().intern("new after reopen"));
    }
  }

  /** Racing interns of one string agree on one term (the losers of the write conflict re-read). */
  @Test
  void concurrentInternsAgree() throws Exception {
    try (GraphStore store = TestStores.open(dir, 4)) {
      KvDictionary d = store.storedDictionary();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int round = 0; round < 20; round++) {
          String s = "label-" + round;
          List<Future<Long>> results = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            results.add(pool.submit(() -> d.intern(s)));
          }
          Set<Long> terms = new HashSet<>();
          for (Future<Long> f : results) {
            terms.add(f.get());
          }
          assertEquals(1, terms.size(), "one term for " + s);
        }
      } finally {
        pool.shutdownNow();
      }
      TestStores.assertConsistent(store);
    }
  }

  @Test
  void cacheDecoratesWithoutChangingAnswers() {
    MapDictionary inner = new MapDictionary();
    CachingDictionary cached = new CachingDictionary(inner, 2);
    long a = cached.intern("a");
    int calls = inner.calls;
    assertEquals(a, cached.intern("a"));
    assertEquals("a", cached.string(a));
    assertEquals(calls, inner.calls, "hits do not reach the store");
    assertEquals(Dictionary.ABSENT, cached.lookup("zzz"));
    assertEquals(Dictionary.ABSENT, cached.lookup("zzz"));
    assertEquals(calls + 2, inner.calls, "misses are not cached (another txn may intern it)");
    cached.intern("b");
    cached.intern("c"); // beyond the bound of 2: the cache starts over
    calls = inner.calls;
    assertEquals(a, cached.lookup("a"));
    assertEquals(calls + 1, inner.calls);
  }
}
