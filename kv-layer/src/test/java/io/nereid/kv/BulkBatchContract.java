package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.drain;
import static io.nereid.kv.KvTestSupport.longBytes;
import static io.nereid.kv.KvTestSupport.str;
import static io.nereid.kv.KvTestSupport.toLong;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Bulk batches: invisible until committed, all partitions, unsorted input, counters, discard. */
interface BulkBatchContract extends KvStoreFixture {

  /** A key that sorts by {@code i} ("k000042"). */
  private static byte[] seqKey(int i) {
    return utf8(String.format("k%06d", i));
  }

  @Test
  default void sortedBulkKeysAppearOnlyAfterCommit() {
    try (Snapshot before = store().snapshot();
        BulkBatch batch = store().bulkBatch()) {
      for (int i = 0; i < 1000; i++) {
        batch.put(0, data(), seqKey(i), utf8("v" + i));
      }
      assertEquals(1000, batch.size());
      try (Snapshot s = store().snapshot()) {
        assertEquals(0, drain(s.scan(0, data(), KeyRange.all())).size(), "visible before commit");
      }
      long seq = batch.commit();
      assertEquals(seq, store().lastCommitSeq());
      assertEquals(0, drain(before.scan(0, data(), KeyRange.all())).size(), "old snapshot saw it");
    }
    try (Snapshot s = store().snapshot()) {
      List<KvEntry> entries = drain(s.scan(0, data(), KeyRange.all()));
      assertEquals(1000, entries.size());
      for (int i = 0; i < 1000; i++) {
        assertArrayEquals(seqKey(i), entries.get(i).key());
        assertEquals("v" + i, str(entries.get(i).value()));
      }
    }
  }

  @Test
  default void slicesOfLargerArraysAreCopiedAtTheCall() {
    byte[] buf = utf8("xxk000001v1k000002v2yy");
    byte[] counterKeys = utf8("--c1c1c2");
    try (BulkBatch batch = store().bulkBatch()) {
      batch.put(0, data(), buf, 2, 7, buf, 9, 2);
      batch.put(0, data(), buf, 11, 7, buf, 18, 2);
      batch.add(0, counters(), counterKeys, 2, 2, 5);
      batch.add(0, counters(), counterKeys, 4, 2, 2);
      batch.add(0, counters(), counterKeys, 6, 2, 1);
      java.util.Arrays.fill(buf, (byte) 'z'); // the batch holds copies
      java.util.Arrays.fill(counterKeys, (byte) 'z');
      assertThrows(IndexOutOfBoundsException.class,
          () -> batch.put(0, data(), new byte[4], 2, 3, new byte[1], 0, 1));
      assertThrows(IllegalArgumentException.class,
          () -> batch.put(0, data(), new byte[4], 2, 0, new byte[1], 0, 1));
      batch.commit();
    }
    try (Snapshot s = store().snapshot()) {
      List<KvEntry> entries = drain(s.scan(0, data(), KeyRange.all()));
      assertEquals(2, entries.size());
      assertArrayEquals(utf8("k000001"), entries.get(0).key());
      assertEquals("v1", str(entries.get(0).value()));
      assertArrayEquals(utf8("k000002"), entries.get(1).key());
      assertEquals("v2", str(entries.get(1).value()));
      assertEquals(7, toLong(s.get(0, counters(), utf8("c1"))));
      assertEquals(1, toLong(s.get(0, counters(), utf8("c2"))));
    }
  }

  @Test
  default void bulkIntoEveryPartitionAndKeySpace() {
    int perPartition = 3000;
    int partitions = store().partitionCount();
    try (BulkBatch batch = store().bulkBatch()) {
      // interleave partitions, as a loader would; each partition's keys still ascend
      for (int i = 0; i < perPartition; i++) {
        for (int p = 0; p < partitions; p++) {
          batch.put(p, data(), seqKey(i), utf8(p + ":" + i));
          if (i % 10 == 0) {
            batch.put(p, counters(), seqKey(i), utf8("c" + p));
          }
        }
      }
      batch.commit();
    }
    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < partitions; p++) {
        List<KvEntry> entries = drain(s.scan(p, data(), KeyRange.all()));
        assertEquals(perPartition, entries.size(), "partition " + p);
        for (int i = 0; i < perPartition; i += 97) {
          assertEquals(p + ":" + i, str(entries.get(i).value()), "partition " + p + " entry " + i);
        }
        assertEquals(perPartition / 10, drain(s.scan(p, counters(), KeyRange.all())).size());
      }
    }
  }

  @Test
  default void bulkKeysOutOfOrderAreStillWritten() {
    putCommitted(1, data(), seqKey(50), utf8("old"));
    putCommitted(1, data(), seqKey(90), utf8("old"));
    try (BulkBatch batch = store().bulkBatch()) {
      batch.put(1, data(), seqKey(100), utf8("new")); // beyond the last key: appended
      batch.put(1, data(), seqKey(10), utf8("new")); // below keys already in the partition
      batch.put(1, data(), seqKey(50), utf8("new")); // overwrites a committed key
      batch.put(1, data(), seqKey(60), utf8("new"));
      batch.put(1, data(), seqKey(60), utf8("newer")); // the same key twice: the last one wins
      batch.put(1, data(), seqKey(200), utf8("new"));
      batch.put(1, data(), seqKey(150), utf8("new")); // descending again
      batch.commit();
    }
    try (Snapshot s = store().snapshot()) {
      List<String> got =
          drain(s.scan(1, data(), KeyRange.all())).stream()
              .map(e -> str(e.key()) + "=" + str(e.value()))
              .toList();
      assertEquals(
          List.of(
              "k000010=new",
              "k000050=new",
              "k000060=newer",
              "k000090=old",
              "k000100=new",
              "k000150=new",
              "k000200=new"),
          got);
    }
  }

  @Test
  default void bulkCountersAdd() {
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(2, counters(), utf8("existing"), longBytes(5));
      txn.put(2, counters(), utf8("to-zero"), longBytes(4));
      txn.commit();
    }
    try (BulkBatch batch = store().bulkBatch()) {
      batch.add(2, counters(), utf8("absent"), 3);
      batch.add(2, counters(), utf8("absent"), 4);
      batch.add(2, counters(), utf8("existing"), 10);
      batch.add(2, counters(), utf8("to-zero"), -4);
      batch.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals(7, toLong(s.get(2, counters(), utf8("absent"))));
      assertEquals(15, toLong(s.get(2, counters(), utf8("existing"))));
      assertNull(s.get(2, counters(), utf8("to-zero")), "a counter that reaches 0 is removed");
    }
  }

  /** Sorted puts with a counter between them: the put after the counter cannot be appended. */
  @Test
  default void bulkCounterAmongSortedPutsOfTheSameKeySpace() {
    try (BulkBatch batch = store().bulkBatch()) {
      batch.put(0, data(), utf8("a"), utf8("put"));
      batch.add(0, data(), utf8("z"), 1); // now the last key of the key space
      batch.put(0, data(), utf8("m"), utf8("put")); // after "a", yet before "z"
      batch.commit();
    }
    reopen();
    try (Snapshot s = store().snapshot()) {
      List<String> keys = drain(s.scan(0, data(), KeyRange.all())).stream()
          .map(e -> str(e.key()))
          .toList();
      assertEquals(List.of("a", "m", "z"), keys);
    }
  }

  /**
   * Bulk batches and transactions that take their keys from one ascending sequence and commit
   * concurrently into one partition, so that group commits mix them: every commit must succeed.
   */
  @Test
  default void bulkBatchesAndTransactionsCommittingTogether() throws Exception {
    AtomicLong ids = new AtomicLong();
    int perThread = 1000;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        boolean bulk = t > 0;
        futures.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < perThread; n++) {
                    byte[] key = seqKey((int) ids.incrementAndGet());
                    if (bulk) {
                      try (BulkBatch batch = store().bulkBatch()) {
                        batch.put(0, data(), key, utf8("bulk"));
                        batch.commit();
                      }
                    } else {
                      try (WriteTxn txn = store().beginWrite()) {
                        txn.put(0, data(), key, utf8("txn"));
                        txn.commit();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    reopen();
    try (Snapshot s = store().snapshot()) {
      assertEquals(4 * perThread, drain(s.scan(0, data(), KeyRange.all())).size());
    }
  }

  /**
   * Multi-partition bulk batches, single-partition ones (logged as a header only) and transactions
   * commit concurrently while readers check, in snapshots, that every multi-partition batch is in
   * all of its partitions or in none, and that what a committer saw acknowledged is visible.
   */
  @Test
  default void concurrentBulkBatchesAreSeenWholeBySnapshots() throws Exception {
    int batches = 150;
    AtomicLong acknowledged = new AtomicLong(-1);
    java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ConcurrentLinkedQueue<String> problems =
        new java.util.concurrent.ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<?>> futures = new ArrayList<>();
      futures.add(
          pool.submit(
              () -> {
                for (int b = 0; b < batches; b++) {
                  try (BulkBatch batch = store().bulkBatch()) {
                    for (int p = 0; p < 4; p++) {
                      for (int k = 0; k < 50; k++) {
                        batch.put(p, data(), utf8(String.format("m%04d-%03d", b, k)), utf8("v"));
                      }
                      batch.add(p, counters(), utf8("multi"), 1);
                    }
                    batch.commit();
                  }
                  acknowledged.set(b);
                }
                return null;
              }));
      for (int w = 0; w < 2; w++) {
        int partition = 4 + w;
        boolean bulk = w == 0;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; !stop.get(); i++) {
                    byte[] key = utf8(String.format("s%06d", i));
                    if (bulk) {
                      try (BulkBatch batch = store().bulkBatch()) {
                        batch.put(partition, data(), key, utf8("single"));
                        batch.add(partition, counters(), utf8("single"), 1);
                        batch.commit();
                      }
                    } else {
                      try (WriteTxn txn = store().beginWrite()) {
                        txn.put(partition, data(), key, utf8("txn"));
                        txn.add(partition, counters(), utf8("single"), 1);
                        txn.commit();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (int r = 0; r < 2; r++) {
        futures.add(
            pool.submit(
                () -> {
                  while (!stop.get()) {
                    long ackedBefore = acknowledged.get();
                    try (Snapshot s = store().snapshot()) {
                      long[] counts = new long[4];
                      for (int p = 0; p < 4; p++) {
                        counts[p] = drain(s.scan(p, data(), KeyRange.prefix(utf8("m")))).size();
                        byte[] c = s.get(p, counters(), utf8("multi"));
                        if ((c == null ? 0 : toLong(c)) * 50 != counts[p]) {
                          problems.add("partition " + p + ": counter and keys disagree");
                        }
                      }
                      for (int p = 1; p < 4; p++) {
                        if (counts[p] != counts[0]) {
                          problems.add("a bulk batch seen in part: " + java.util.Arrays.toString(counts));
                        }
                      }
                      if (counts[0] < (ackedBefore + 1) * 50) {
                        problems.add("acknowledged batch " + ackedBefore + " not visible: " + counts[0]);
                      }
                    }
                  }
                  return null;
                }));
      }
      futures.get(0).get(120, TimeUnit.SECONDS);
      stop.set(true);
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(problems).subList(0, Math.min(5, problems.size())));
    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < 4; p++) {
        assertEquals(batches * 50, drain(s.scan(p, data(), KeyRange.prefix(utf8("m")))).size());
        assertEquals(batches, toLong(s.get(p, counters(), utf8("multi"))));
      }
      for (int p = 4; p < 6; p++) {
        long keys = drain(s.scan(p, data(), KeyRange.prefix(utf8("s")))).size();
        assertEquals(keys, toLong(s.get(p, counters(), utf8("single"))), "partition " + p);
      }
    }
  }

  @Test
  default void closingABulkBatchWithoutCommitWritesNothing() {
    try (BulkBatch batch = store().bulkBatch()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        batch.put(p, data(), seqKey(p), utf8("v"));
      }
      batch.add(0, counters(), utf8("c"), 1);
    }
    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        assertEquals(0, drain(s.scan(p, data(), KeyRange.all())).size(), "partition " + p);
      }
      assertNull(s.get(0, counters(), utf8("c")));
    }
  }

  @Test
  default void bulkRejectsAnOversizedKeyAtPut() {
    try (BulkBatch batch = store().bulkBatch()) {
      batch.put(3, data(), seqKey(1), utf8("v"));
      byte[] big = new byte[KvStoreConfig.MAX_KEY_BYTES + 1];
      assertThrows(EntryTooLargeException.class, () -> batch.put(3, data(), big, utf8("v")));
      assertEquals(1, batch.size());
      batch.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals(1, drain(s.scan(3, data(), KeyRange.all())).size());
    }
  }
}
