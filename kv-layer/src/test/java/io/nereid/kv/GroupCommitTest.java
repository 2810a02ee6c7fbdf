package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.longBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many durable committers at once: their commits share log fsyncs (group commit), rounds of one
 * partition (committed while the log is forced) mix with rounds of several (forced first), and
 * every acknowledged commit is there after reopening.
 */
class GroupCommitTest {

  @TempDir Path dir;

  /** 16 writers of one partition, as in the kv benchmark: batches must form. */
  @Test
  @Timeout(120)
  void sixteenWritersShareLogFsyncs() throws Exception {
    KvStoreConfig config = KvStoreConfig.of("data").withPartitions(1);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    KvStats stats;
    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace data = store.keySpace("data");
      AtomicLong next = new AtomicLong();
      List<Throwable> failures = run(16, TimeUnit.SECONDS.toNanos(2), false, () -> {
        long id = next.getAndIncrement();
        try (WriteTxn tx = store.beginWrite(Durability.SYNC)) {
          tx.put(0, data, longBytes(id), longBytes(~id));
          tx.commit();
        }
        acked.add(id);
      });
      assertTrue(failures.isEmpty(), "failed commits, the first: " + first(failures));
      stats = store.stats();
    }
    // One fsync per commit would mean no group commit at all; 16 writers make batches of ~15.
    assertTrue(stats.commitsPerSync() >= 2,
        "commits per log fsync with 16 writers: " + stats.commitsPerSync() + " (" + stats + ")");
    assertTrue(acked.size() > 100, "only " + acked.size() + " commits in 2 s");
    verify(config, acked, id -> new int[] {0});
  }

  /**
   * 8 writers over 4 partitions, each commit of one partition or of two at random, the writers
   * interrupted every 20-200 µs (the leader may be waiting for the log-forcing thread then).
   */
  @Test
  @Timeout(120)
  void mixedRoundsUnderInterruptsLoseNothing() throws Exception {
    KvStoreConfig config =
        KvStoreConfig.of("data").withPartitions(4).withCheckpointLogBytes(1 << 16);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace data = store.keySpace("data");
      AtomicLong next = new AtomicLong();
      List<Throwable> failures = run(8, TimeUnit.SECONDS.toNanos(3), true, () -> {
        long id = next.getAndIncrement();
        try (WriteTxn tx = store.beginWrite(Durability.SYNC)) {
          for (int p : partsOf(id)) {
            tx.put(p, data, longBytes(id), longBytes(~id));
          }
          tx.commit();
        }
        acked.add(id);
        Thread.interrupted(); // the next commit starts clean, as a pooled worker would
      });
      assertTrue(failures.isEmpty(), failures.size() + " failed, the first: " + first(failures));
    }
    assertTrue(acked.size() > 100, "only " + acked.size() + " commits in 3 s");
    verify(config, acked, GroupCommitTest::partsOf);
  }

  /** Commit {@code id}'s partitions: one for most, two for every third. */
  private static int[] partsOf(long id) {
    int p = (int) (id % 4);
    return id % 3 == 0 ? new int[] {p, (p + 1) % 4} : new int[] {p};
  }

  /** Reopens the store and checks that every acknowledged commit is there, in all its partitions. */
  private void verify(KvStoreConfig config, Set<Long> acked, PartsOf parts) {
    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace data = store.keySpace("data");
      try (Snapshot s = store.snapshot()) {
        for (long id : acked) {
          for (int p : parts.of(id)) {
            assertArrayEquals(longBytes(~id), s.get(p, data, longBytes(id)),
                "acknowledged commit " + id + " missing in partition " + p + " after reopening");
          }
        }
      }
    }
  }

  interface PartsOf {
    int[] of(long id);
  }

  interface Commit {
    void run() throws Exception;
  }

  /** Runs {@code writers} threads committing for {@code nanos}; returns what they threw. */
  private static List<Throwable> run(int writers, long nanos, boolean interrupt, Commit commit)
      throws InterruptedException {
    List<Throwable> failures = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          try {
            commit.run();
          } catch (Throwable e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }
      }, "writer-" + w);
      threads.add(t);
      t.start();
    }
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      if (interrupt) {
        threads.get(ThreadLocalRandom.current().nextInt(writers)).interrupt();
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000, 200_000));
      } else {
        Thread.sleep(50);
      }
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
    synchronized (failures) {
      return new ArrayList<>(failures);
    }
  }

  private static String first(List<Throwable> failures) {
    return failures.isEmpty() ? "none" : String.valueOf(failures.get(0));
  }
}
