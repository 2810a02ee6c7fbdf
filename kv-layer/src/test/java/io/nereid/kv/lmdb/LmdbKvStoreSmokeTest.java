package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.*;

import io.nereid.kv.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A first end-to-end pass through the store: the detailed contract lives in the contract test. */
class LmdbKvStoreSmokeTest {

  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesReadsScansAndSurvivesReopen() {
    KvStoreConfig cfg = KvStoreConfig.of("a", "b").withPartitions(4);
    try (KvStore store = KvStore.open(dir, cfg)) {
      KeySpace a = store.keySpace("a");
      try (WriteTxn t = store.beginWrite()) {
        for (int i = 0; i < 100; i++) {
          t.put(i % 4, a, b(String.format("k%03d", i)), b("v" + i));
        }
        t.add(0, a, b("counter"), 5);
        assertArrayEquals(b("v7"), t.get(3, a, b("k007")));
        t.commit();
      }
      try (Snapshot s = store.snapshot()) {
        assertArrayEquals(b("v8"), s.get(0, a, b("k008")));
        List<String> keys = new ArrayList<>();
        try (KvIterator it = s.scan(1, a, KeyRange.prefix(b("k0")).reversed())) {
          it.forEachRemaining(e -> keys.add(new String(e.key(), StandardCharsets.UTF_8)));
        }
        assertEquals(25, keys.size());
        assertEquals("k097", keys.get(0));
        assertEquals(0, store.stats().openCursors());
      }
    }
    try (KvStore store = KvStore.open(dir, cfg)) {
      try (Snapshot s = store.snapshot()) {
        assertArrayEquals(b("v99"), s.get(3, store.keySpace("a"), b("k099")));
        assertEquals(5, Counters.decode(s.get(0, store.keySpace("a"), b("counter"))));
      }
    }
  }

  @Test
  void unsignedOrderAcrossTheSignBoundary() {
    try (KvStore store = KvStore.open(dir, KvStoreConfig.of("a").withPartitions(1))) {
      KeySpace a = store.keySpace("a");
      try (WriteTxn t = store.beginWrite()) {
        for (int x : new int[] {0x80, 0x01, 0xFF, 0x7F}) {
          t.put(0, a, new byte[] {(byte) x}, new byte[] {1});
        }
        t.commit();
      }
      try (Snapshot s = store.snapshot();
          KvIterator it = s.scan(0, a, KeyRange.closedOpen(new byte[] {0x01}, new byte[] {(byte) 0xFF}))) {
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(e -> seen.add(e.key()[0] & 0xFF));
        assertEquals(List.of(0x01, 0x7F, 0x80), seen);
      }
    }
  }
}
