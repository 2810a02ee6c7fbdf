package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteTxn;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bulk batches large enough that their partitions fill them into LMDB ahead of the commit
 * ({@link BulkPrefill}): the speculative transaction is adopted when nothing else wrote the
 * partition meanwhile, and cancelled (the batch filled again at commit) by anything that did.
 */
@Timeout(60)
class BulkPrefillTest {

  /** Entries of about 120 bytes: 40,000 make about 5 MB, well past the start of filling ahead. */
  private static final int LARGE = 40_000;

  @TempDir Path tmp;

  private static byte[] key(int i) {
    return ByteBuffer.allocate(12).putInt(0x5000_0000).putLong(i).array();
  }

  private static byte[] value(int i, char tag) {
    byte[] v = new byte[100];
    ByteBuffer.wrap(v).putChar(tag).putInt(i);
    return v;
  }

  private static LmdbKvStore open(Path dir, KvStoreConfig config) {
    return (LmdbKvStore) LmdbKvStore.open(dir, config);
  }

  private static void awaitPrefilling(LmdbPartition p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!p.prefilling()) {
      assertTrue(System.nanoTime() < deadline, "the partition never started filling ahead");
      Thread.sleep(1);
    }
  }

  private static void assertEntries(KvStore store, int partition, KeySpace s, int from, int to, char tag) {
    try (Snapshot snap = store.snapshot()) {
      for (int i = from; i < to; i++) {
        assertArrayEquals(value(i, tag), snap.get(partition, s, key(i)), "key " + i);
      }
    }
  }

  @Test
  void aLargeBatchIsFilledAheadAndAdoptedAtCommit() throws InterruptedException {
    try (LmdbKvStore store = open(tmp.resolve("s"), KvStoreConfig.of("data").withPartitions(2))) {
      KeySpace s = store.keySpace("data");
      for (int round = 0; round < 2; round++) {
        try (BulkBatch b = store.bulkBatch()) {
          for (int i = round * LARGE; i < (round + 1) * LARGE; i++) {
            b.put(i % 2, s, key(i), value(i, 'b'));
          }
          // the writer threads have begun filling ahead: a commit that came first would fill
          // the batch itself (correct, but not what this test is about; on a busy machine the
          // writer threads can be that late, and the test failed once in CI that way)
          awaitPrefilling(store.partition(0));
          awaitPrefilling(store.partition(1));
          b.commit();
        }
      }
      for (int p = 0; p < 2; p++) {
        assertEquals(2, store.partition(p).adoptedPrefills(), "partition " + p);
        assertEquals(0, store.partition(p).cancelledPrefills(), "partition " + p);
      }
      try (Snapshot snap = store.snapshot()) {
        for (int i = 0; i < 2 * LARGE; i++) {
          assertArrayEquals(value(i, 'b'), snap.get(i % 2, s, key(i)), "key " + i);
        }
      }
    }
  }

  /**
   * A transaction commits into the partition while the batch is being filled ahead: the filling is
   * cancelled, and the batch, sequenced after the transaction, overwrites the transaction's puts
   * of the same keys as a batch filled at commit would.
   */
  @Test
  void aCommitIntoThePartitionCancelsTheFillingAndKeepsCommitOrder() throws Exception {
    try (LmdbKvStore store = open(tmp.resolve("s"), KvStoreConfig.of("data").withPartitions(2))) {
      KeySpace s = store.keySpace("data");
      try (BulkBatch b = store.bulkBatch()) {
        for (int i = 0; i < LARGE; i++) {
          b.put(0, s, key(i), value(i, 'b'));
        }
        awaitPrefilling(store.partition(0));
        try (WriteTxn t = store.beginWrite()) {
          t.put(0, s, key(5), value(5, 't')); // already in the batch
          t.put(0, s, key(LARGE + 5), value(LARGE + 5, 't')); // the batch adds it later
          t.put(0, s, key(-1), value(-1, 't')); // only here
          t.put(1, s, key(7), value(7, 't'));
          t.commit();
        }
        for (int i = LARGE; i < 2 * LARGE; i++) {
          b.put(0, s, key(i), value(i, 'b'));
        }
        b.commit();
      }
      assertTrue(store.partition(0).cancelledPrefills() >= 1);
      assertEntries(store, 0, s, 0, 2 * LARGE, 'b');
      try (Snapshot snap = store.snapshot()) {
        assertArrayEquals(value(-1, 't'), snap.get(0, s, key(-1)));
        assertArrayEquals(value(7, 't'), snap.get(1, s, key(7)));
      }
    }
  }

  @Test
  void closingABatchWhileItIsFilledAheadWritesNothingAndFreesThePartition() throws Exception {
    try (LmdbKvStore store = open(tmp.resolve("s"), KvStoreConfig.of("data").withPartitions(1))) {
      KeySpace s = store.keySpace("data");
      BulkBatch b = store.bulkBatch();
      for (int i = 0; i < LARGE; i++) {
        b.put(0, s, key(i), value(i, 'b'));
      }
      awaitPrefilling(store.partition(0));
      b.close();
      assertEquals(1, store.partition(0).cancelledPrefills());
      try (WriteTxn t = store.beginWrite()) {
        t.put(0, s, key(1), value(1, 't'));
        t.commit();
      }
      try (Snapshot snap = store.snapshot()) {
        assertArrayEquals(value(1, 't'), snap.get(0, s, key(1)));
        assertNull(snap.get(0, s, key(0)));
        assertNull(snap.get(0, s, key(LARGE - 1)));
      }
    }
  }

  /** A 1 MiB map: filling ahead runs into a full map, and the commit grows it and fills again. */
  @Test
  void aMapTooSmallForTheBatchGrowsAtCommit() {
    KvStoreConfig config = KvStoreConfig.of("data").withPartitions(1).withInitialMapSize(1 << 20);
    try (LmdbKvStore store = open(tmp.resolve("s"), config)) {
      KeySpace s = store.keySpace("data");
      try (BulkBatch b = store.bulkBatch()) {
        for (int i = 0; i < 2 * LARGE; i++) {
          b.put(0, s, key(i), value(i, 'b'));
        }
        b.commit();
      }
      assertTrue(store.stats().mapGrowths() > 0);
      assertEntries(store, 0, s, 0, 2 * LARGE, 'b');
    }
  }

  @Test
  void closingTheStoreWhileABatchIsFilledAheadLeavesNothingOpen() throws Exception {
    Path dir = tmp.resolve("s");
    KvStoreConfig config = KvStoreConfig.of("data").withPartitions(1);
    BulkBatch b;
    try (LmdbKvStore store = open(dir, config)) {
      KeySpace s = store.keySpace("data");
      b = store.bulkBatch();
      for (int i = 0; i < LARGE; i++) {
        b.put(0, s, key(i), value(i, 'b'));
      }
      awaitPrefilling(store.partition(0));
    }
    b.close();
    try (LmdbKvStore store = open(dir, config);
        Snapshot snap = store.snapshot()) {
      assertNull(snap.get(0, store.keySpace("data"), key(0)));
    }
  }

  /** Two loaders fill large batches of one partition at once: one fills ahead, both commit whole. */
  @Test
  void concurrentLargeBatchesOfOnePartitionBothCommit() throws Exception {
    try (LmdbKvStore store = open(tmp.resolve("s"), KvStoreConfig.of("data").withPartitions(1))) {
      KeySpace s = store.keySpace("data");
      List<CompletableFuture<Void>> loaders = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int from = t * LARGE;
        loaders.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int round = 0; round < 3; round++) {
                    try (BulkBatch b = store.bulkBatch()) {
                      for (int i = from; i < from + LARGE; i++) {
                        b.put(0, s, key(i), value(i, (char) ('a' + round)));
                      }
                      b.commit();
                    }
                  }
                }));
      }
      for (CompletableFuture<Void> f : loaders) {
        f.get(50, TimeUnit.SECONDS);
      }
      assertEntries(store, 0, s, 0, 2 * LARGE, 'c');
    }
  }
}
