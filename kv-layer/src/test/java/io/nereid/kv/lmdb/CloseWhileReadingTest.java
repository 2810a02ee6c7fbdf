package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.*;

import io.nereid.kv.*;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing a store while other threads scan it: closing unmaps LMDB's files, so a reader still
 * inside LMDB would crash the JVM (SIGSEGV) instead of failing. The readers must get a {@link
 * KvException} and the process must live on; the store reopens with its data.
 */
class CloseWhileReadingTest {

  @TempDir Path dir;

  @Test
  void readersFailCleanlyWhenTheStoreCloses() throws Exception {
    KvStoreConfig cfg = KvStoreConfig.of("a").withPartitions(2);
    KvStore store = KvStore.open(dir, cfg);
    KeySpace a = store.keySpace("a");
    byte[] value = new byte[3000]; // beyond half a page: LMDB keeps it on an overflow page
    for (int batch = 0; batch < 20; batch++) {
      try (WriteTxn t = store.beginWrite(Durability.ASYNC)) {
        for (int i = 0; i < 100; i++) {
          int k = batch * 100 + i;
          t.put(k % 2, a, new byte[] {(byte) (k >> 8), (byte) k}, value);
        }
        t.commit();
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch reading = new CountDownLatch(3);
    AtomicLong entries = new AtomicLong();
    List<Future<Throwable>> readers = new ArrayList<>();
    try {
      for (int r = 0; r < 3; r++) {
        int partition = r % 2;
        readers.add(
            pool.submit(
                () -> {
                  reading.countDown();
                  try {
                    while (true) {
                      try (Snapshot s = store.snapshot();
                          KvIterator it = s.scan(partition, a, KeyRange.all())) {
                        while (it.hasNext()) {
                          entries.addAndGet(it.next().value().length > 0 ? 1 : 0);
                        }
                      }
                    }
                  } catch (KvException expected) {
                    return expected;
                  }
                }));
      }
      reading.await();
      while (entries.get() < 10_000) {
        Thread.sleep(1);
      }
      store.close();
      for (Future<Throwable> f : readers) {
        Throwable t = f.get();
        assertInstanceOf(KvException.class, t);
        assertTrue(t.getMessage().contains("closed"), t.getMessage());
      }
    } finally {
      pool.shutdownNow();
    }
    try (KvStore reopened = KvStore.open(dir, cfg);
        Snapshot s = reopened.snapshot()) {
      int n = 0;
      for (int p = 0; p < 2; p++) {
        try (KvIterator it = s.scan(p, reopened.keySpace("a"), KeyRange.all())) {
          while (it.hasNext()) {
            it.next();
            n++;
          }
        }
      }
      assertEquals(2000, n);
    }
  }
}
