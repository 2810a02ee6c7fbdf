package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.*;

import io.nereid.kv.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scans reuse the cursors of pooled read transactions ({@link PooledRead}): a reused cursor must
 * read the snapshot it is used in — never the one it was opened in — in both key spaces, in both
 * directions, from several threads, across map growth, and no cursor may count as open after its
 * scan.
 */
class CursorReuseTest {

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> keys(Snapshot s, KeySpace space, KeyRange range) {
    List<String> out = new ArrayList<>();
    try (KvIterator it = s.scan(0, space, range)) {
      it.forEachRemaining(e -> out.add(new String(e.key(), StandardCharsets.UTF_8)));
    }
    return out;
  }

  private static void put(KvStore store, KeySpace space, String key) {
    try (WriteTxn t = store.beginWrite()) {
      t.put(0, space, b(key), b("v"));
      t.commit();
    }
  }

  @Test
  void aReusedCursorReadsTheSnapshotItIsUsedIn() {
    try (KvStore store = KvStore.open(dir, KvStoreConfig.of("a", "b").withPartitions(1))) {
      KeySpace a = store.keySpace("a");
      KeySpace b = store.keySpace("b");
      List<String> expectedA = new ArrayList<>();
      for (int round = 0; round < 50; round++) {
        String key = String.format("k%03d", round);
        put(store, a, key);
        put(store, b, "other" + round);
        expectedA.add(key);
        try (Snapshot s = store.snapshot()) {
          // A prefix lookup that stops at the first entry, then full scans both ways: the same
          // idle cursor of key space "a" serves all three, each positioned anew.
          try (KvIterator first = s.scan(0, a, KeyRange.prefix(b("k")))) {
            assertEquals("k000", new String(first.next().key(), StandardCharsets.UTF_8));
          }
          assertEquals(expectedA, keys(s, a, KeyRange.all()));
          List<String> reversed = keys(s, a, KeyRange.all().reversed());
          assertEquals(key, reversed.get(0), "the newest commit is visible to a reused cursor");
          assertEquals(round + 1, keys(s, b, KeyRange.prefix(b("other"))).size());
        }
        assertEquals(0, store.stats().openCursors());
      }
    }
  }

  @Test
  void anOlderSnapshotKeepsItsViewWhileANewerOneReusesCursors() {
    try (KvStore store = KvStore.open(dir, KvStoreConfig.of("a").withPartitions(1))) {
      KeySpace a = store.keySpace("a");
      put(store, a, "k1");
      try (Snapshot old = store.snapshot()) {
        assertEquals(List.of("k1"), keys(old, a, KeyRange.all()));
        put(store, a, "k2");
        for (int i = 0; i < 3; i++) {
          try (Snapshot fresh = store.snapshot()) {
            assertEquals(List.of("k1", "k2"), keys(fresh, a, KeyRange.all()));
          }
        }
        assertEquals(List.of("k1"), keys(old, a, KeyRange.all()), "still its own view");
      }
    }
  }

  @Test
  void nestedScansOfOneKeySpaceEachGetACursor() {
    try (KvStore store = KvStore.open(dir, KvStoreConfig.of("a").withPartitions(1))) {
      KeySpace a = store.keySpace("a");
      for (int i = 0; i < 5; i++) {
        put(store, a, "k" + i);
      }
      try (Snapshot s = store.snapshot()) {
        int pairs = 0;
        try (KvIterator outer = s.scan(0, a, KeyRange.all())) {
          while (outer.hasNext()) {
            outer.next();
            try (KvIterator inner = s.scan(0, a, KeyRange.all())) {
              while (inner.hasNext()) {
                inner.next();
                pairs++;
              }
            }
            assertEquals(1, store.stats().openCursors(), "the outer scan's cursor");
          }
        }
        assertEquals(25, pairs);
      }
      assertEquals(0, store.stats().openCursors());
    }
  }

  @Test
  void concurrentReadersAndAWriterWithMapGrowth() throws Exception {
    // A small map, so that the writer's commits grow it: growth closes the pooled transactions and
    // their idle cursors, and the readers must go on with fresh ones. (With readers always open,
    // growth after a commit rarely finds a moment without snapshots, so the map fills up, at times
    // inside LMDB's own commit; that round must be grown and filled again, not fail the store.)
    KvStoreConfig cfg = KvStoreConfig.of("a").withPartitions(2).withInitialMapSize(1 << 20);
    try (KvStore store = KvStore.open(dir, cfg)) {
      KeySpace a = store.keySpace("a");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        Future<?> writer =
            pool.submit(
                () -> {
                  byte[] value = new byte[2000];
                  for (int i = 0; i < 3000; i++) {
                    try (WriteTxn t = store.beginWrite(Durability.ASYNC)) {
                      t.put(i % 2, a, b(String.format("k%05d", i)), value);
                      t.put((i + 1) % 2, a, b(String.format("k%05d", i)), value);
                      t.commit();
                    }
                  }
                });
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          readers.add(
              pool.submit(
                  () -> {
                    while (!writer.isDone()) {
                      try (Snapshot s = store.snapshot()) {
                        // Every commit writes the same key in both partitions: equal counts.
                        int n0 = count(s, 0, a);
                        int n1 = count(s, 1, a);
                        assertEquals(n0, n1, "both partitions in one snapshot");
                      }
                    }
                    return null;
                  }));
        }
        writer.get();
        for (Future<?> f : readers) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      try (Snapshot s = store.snapshot()) {
        assertEquals(3000, count(s, 0, a));
      }
      assertEquals(0, store.stats().openCursors());
      assertTrue(store.stats().mapGrowths() > 0, "the map grew while readers reused cursors");
    }
  }

  private static int count(Snapshot s, int partition, KeySpace a) {
    int n = 0;
    try (KvIterator it = s.scan(partition, a, KeyRange.all())) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }
}
