package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.longBytes;
import static io.nereid.kv.KvTestSupport.toLong;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lost-update check: many threads increment one key by read-modify-write ({@code get}, then
 * {@code put} of the value + 1). Conflict detection must make every increment count exactly once.
 */
class ConflictCounterTest {

  static final int THREADS = 16;
  static final int INCREMENTS_PER_THREAD = 200;
  static final int PARTITION = 5;
  static final byte[] KEY = utf8("the-counter");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Durability.class)
  @Timeout(120)
  void readModifyWriteIncrementsAreNeverLost(Durability durability) throws Exception {
    KvStoreConfig config = KvStoreConfig.of("data").withDurability(durability);
    AtomicLong retries = new AtomicLong();
    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace data = store.keySpace("data");
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < THREADS; t++) {
          futures.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                      incrementOnce(store, data, retries);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : futures) {
          f.get(100, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }

      long expected = (long) THREADS * INCREMENTS_PER_THREAD;
      KvStats stats = store.stats();
      System.out.printf(
          "ConflictCounterTest[%s]: %d increments, %d conflict retries, store stats %s%n",
          durability, expected, retries.get(), stats);
      try (Snapshot s = store.snapshot()) {
        assertEquals(expected, toLong(s.get(PARTITION, data, KEY)), "increments were lost");
      }
      assertEquals(expected, stats.commits(), "successful commits counted by the store");
      assertEquals(retries.get(), stats.conflicts(), "conflicts counted by the store");
    }
    try (KvStore reopened = KvStore.open(dir, config);
        Snapshot s = reopened.snapshot()) {
      assertEquals(
          (long) THREADS * INCREMENTS_PER_THREAD,
          toLong(s.get(PARTITION, reopened.keySpace("data"), KEY)),
          "after reopen");
    }
  }

  /**
   * One increment, retried on conflict after a short random pause: without it the losers spin and
   * starve the winner's commit of CPU. Correctness never depends on the pause.
   */
  static void incrementOnce(KvStore store, KeySpace data, AtomicLong retries) {
    for (int attempt = 0; attempt < 100_000; attempt++) {
      if (attempt > 0) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 1_000_000));
      }
      try (WriteTxn txn = store.beginWrite()) {
        byte[] current = txn.get(PARTITION, data, KEY);
        long value = current == null ? 0 : toLong(current);
        txn.put(PARTITION, data, KEY, longBytes(value + 1));
        txn.commit();
        return;
      } catch (WriteConflictException e) {
        retries.incrementAndGet();
      }
    }
    throw new AssertionError("an increment kept conflicting for 100,000 attempts");
  }
}
