package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.longBytes;
import static io.nereid.kv.KvTestSupport.toLong;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bank-transfer invariant: writers move money between accounts in different partitions by
 * read-modify-write (so they conflict), readers sum every balance through one snapshot. A snapshot
 * that shows part of a cross-partition commit breaks the total.
 */
class SnapshotConsistencyTest {

  static final int PARTITIONS = 8;
  static final int ACCOUNTS = 64;
  static final long INITIAL_BALANCE = 1_000;
  static final long TOTAL = ACCOUNTS * INITIAL_BALANCE;
  static final int WRITERS = 6;
  static final int READERS = 3;
  static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(5);

  @TempDir Path dir;

  static int partitionOf(int account) {
    return account % PARTITIONS;
  }

  static byte[] accountKey(int account) {
    return utf8(String.format("acct-%03d", account));
  }

  @Test
  @Timeout(120)
  void snapshotsAlwaysSeeTheSameTotal() throws Exception {
    KvStoreConfig config = KvStoreConfig.of("accounts").withPartitions(PARTITIONS);
    AtomicLong transfers = new AtomicLong();
    AtomicLong retries = new AtomicLong();
    AtomicLong snapshotReads = new AtomicLong();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();

    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace accounts = store.keySpace("accounts");
      try (WriteTxn txn = store.beginWrite()) {
        for (int a = 0; a < ACCOUNTS; a++) {
          txn.put(partitionOf(a), accounts, accountKey(a), longBytes(INITIAL_BALANCE));
        }
        txn.commit();
      }

      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
      CompletionService<Void> done = new ExecutorCompletionService<>(pool);
      List<Future<Void>> futures = new ArrayList<>();
      try {
        for (int w = 0; w < WRITERS; w++) {
          Random rnd = new Random(1000 + w);
          futures.add(
              done.submit(
                  () -> {
                    while (!stop.get()) {
                      transferOnce(store, accounts, rnd, retries);
                      transfers.incrementAndGet();
                    }
                    return null;
                  }));
        }
        for (int r = 0; r < READERS; r++) {
          Random rnd = new Random(2000 + r);
          futures.add(
              done.submit(
                  () -> {
                    while (!stop.get()) {
                      String problem = readTotal(store, accounts, rnd.nextBoolean());
                      snapshotReads.incrementAndGet();
                      if (problem != null) {
                        violations.add(problem);
                        stop.set(true);
                      }
                    }
                    return null;
                  }));
        }
        // Run until the time is up, or stop early when a worker ends (it failed, or saw a
        // violation); get() below rethrows a worker's exception.
        done.poll(RUN_NANOS, TimeUnit.NANOSECONDS);
        stop.set(true);
        for (Future<Void> f : futures) {
          f.get(60, TimeUnit.SECONDS);
        }
      } finally {
        stop.set(true);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }

      System.out.printf(
          "SnapshotConsistencyTest: %d transfers (%d conflict retries), %d snapshot reads,"
              + " store conflicts=%d%n",
          transfers.get(), retries.get(), snapshotReads.get(), store.stats().conflicts());
      assertEquals(List.of(), List.copyOf(violations), "snapshots saw a broken total");
      assertTrue(transfers.get() > 0, "no transfer committed");
      assertTrue(snapshotReads.get() > 0, "no snapshot read completed");
      assertEquals(null, readTotal(store, accounts, true), "after the run");
      assertEquals(0, store.stats().openSnapshots(), "snapshots leaked");
      assertEquals(0, store.stats().openCursors(), "cursors leaked");
    }

    try (KvStore reopened = KvStore.open(dir, config)) {
      assertEquals(null, readTotal(reopened, reopened.keySpace("accounts"), true), "after reopen");
    }
  }

  /**
   * Moves a random amount between two accounts of different partitions. Retries conflicts after a
   * short random pause (an immediate retry mostly meets the same commit still being applied).
   */
  static void transferOnce(KvStore store, KeySpace accounts, Random rnd, AtomicLong retries) {
    int from = rnd.nextInt(ACCOUNTS);
    int to = rnd.nextInt(ACCOUNTS);
    while (partitionOf(to) == partitionOf(from)) {
      to = rnd.nextInt(ACCOUNTS);
    }
    long amount = 1 + rnd.nextInt(100);
    for (int attempt = 0; ; attempt++) {
      if (attempt > 10_000) {
        throw new AssertionError("transfer kept conflicting: " + attempt + " attempts");
      }
      if (attempt > 0) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000, 500_000));
      }
      try (WriteTxn txn = store.beginWrite()) {
        long fromBalance = toLong(txn.get(partitionOf(from), accounts, accountKey(from)));
        long toBalance = toLong(txn.get(partitionOf(to), accounts, accountKey(to)));
        txn.put(partitionOf(from), accounts, accountKey(from), longBytes(fromBalance - amount));
        txn.put(partitionOf(to), accounts, accountKey(to), longBytes(toBalance + amount));
        txn.commit();
        return;
      } catch (WriteConflictException e) {
        retries.incrementAndGet();
      }
    }
  }

  /**
   * Sums all balances in one snapshot: by scanning every partition, or by point reads. Returns a
   * description of what is wrong, or null.
   */
  static String readTotal(KvStore store, KeySpace accounts, boolean byScan) {
    long sum = 0;
    int seen = 0;
    try (Snapshot s = store.snapshot()) {
      if (byScan) {
        for (int p = 0; p < PARTITIONS; p++) {
          try (KvIterator it = s.scan(p, accounts, KeyRange.prefix(utf8("acct-")))) {
            while (it.hasNext()) {
              sum += toLong(it.next().value());
              seen++;
            }
          }
        }
      } else {
        for (int a = ACCOUNTS - 1; a >= 0; a--) {
          byte[] v = s.get(partitionOf(a), accounts, accountKey(a));
          if (v != null) {
            sum += toLong(v);
            seen++;
          }
        }
      }
      if (sum != TOTAL || seen != ACCOUNTS) {
        return String.format(
            "%s at seq %d: %d accounts summing to %d, expected %d summing to %d",
            byScan ? "scan" : "gets", s.readSeq(), seen, sum, ACCOUNTS, TOTAL);
      }
    }
    return null;
  }
}
