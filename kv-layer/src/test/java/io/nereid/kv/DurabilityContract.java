package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.directorySize;
import static io.nereid.kv.KvTestSupport.drain;
import static io.nereid.kv.KvTestSupport.str;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Persistence: checkpoints, a bounded write-ahead log, map growth, async commits, and the checks
 * made when a directory is opened.
 */
interface DurabilityContract extends KvStoreFixture {

  /** A value of {@code size} deterministic pseudo-random bytes for {@code seed}. */
  private static byte[] randomValue(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  default void checkpointThenReopenKeepsEverything() {
    try (WriteTxn txn = store().beginWrite()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        txn.put(p, data(), utf8("before"), utf8("checkpoint-" + p));
      }
      txn.commit();
    }
    store().checkpoint();
    assertTrue(store().stats().checkpoints() >= 1, "checkpoint() is counted");
    try (WriteTxn txn = store().beginWrite()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        txn.put(p, data(), utf8("after"), utf8("checkpoint-" + p));
      }
      txn.delete(0, data(), utf8("before"));
      txn.commit();
    }
    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        String want = "checkpoint-" + p;
        assertEquals(p == 0 ? null : want, str(s.get(p, data(), utf8("before"))), "partition " + p);
        assertEquals(want, str(s.get(p, data(), utf8("after"))), "partition " + p);
      }
    }
  }

  @Test
  default void manySmallCommitsKeepTheLogBoundedAndSurviveReopen() {
    // ASYNC only spares 5,000 log fsyncs; the log and its checkpoints are the same as with SYNC.
    reopen(storeConfig().withCheckpointLogBytes(64 << 10).withDurability(Durability.ASYNC));
    int commits = 5000;
    int valueBytes = 2048; // about 10 MiB of log in all, so an untruncated log fails the bound
    for (int i = 0; i < commits; i++) {
      putCommitted(i % 8, data(), utf8(String.format("c%05d", i)), randomValue(i, valueBytes));
    }
    store().checkpoint();
    Path wal = storeDir().resolve("wal");
    assertTrue(Files.isDirectory(wal), "expected the write-ahead log under " + wal);
    long walBytes = directorySize(wal);
    assertTrue(walBytes < 4L << 20, "log not truncated by checkpoint(): " + walBytes + " bytes");

    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < 8; p++) {
        List<KvEntry> entries = drain(s.scan(p, data(), KeyRange.all()));
        assertEquals(commits / 8, entries.size(), "partition " + p);
        for (KvEntry e : entries) {
          int i = Integer.parseInt(str(e.key()).substring(1));
          assertEquals(p, i % 8, "commit " + i + " in the wrong partition");
          assertArrayEquals(randomValue(i, valueBytes), e.value(), "value of commit " + i);
        }
      }
    }
  }

  @Test
  default void mapGrowsFromOneMebibyte() {
    reopen(storeConfig().withInitialMapSize(1 << 20));
    int txns = 25;
    int valueBytes = 256 << 10; // 25 txns x 8 partitions x 256 KiB = 50 MiB
    for (int t = 0; t < txns; t++) {
      try (WriteTxn txn = store().beginWrite()) {
        for (int p = 0; p < 8; p++) {
          txn.put(p, data(), utf8("t" + t), randomValue(t * 8L + p, valueBytes));
        }
        txn.commit();
      }
    }
    assertTrue(store().stats().mapGrowths() > 0, "1 MiB maps holding 6 MiB each never grew");

    reopen();
    try (Snapshot s = store().snapshot()) {
      for (int t = 0; t < txns; t++) {
        for (int p = 0; p < 8; p++) {
          byte[] v = s.get(p, data(), utf8("t" + t));
          assertNotNull(v, "txn " + t + " partition " + p);
          assertTrue(
              Arrays.equals(randomValue(t * 8L + p, valueBytes), v),
              "wrong value for txn " + t + " partition " + p);
        }
      }
    }
    putCommitted(0, data(), utf8("after-reopen"), randomValue(-1, valueBytes)); // still growable
  }

  @Test
  default void asyncCommitsAreVisibleAtOnceAndSurviveReopen() {
    try (WriteTxn txn = store().beginWrite(Durability.ASYNC)) {
      txn.put(1, data(), utf8("async-txn"), utf8("v1"));
      txn.commit();
    }
    assertEquals("v1", str(getCommitted(1, data(), utf8("async-txn"))));

    reopen(storeConfig().withDurability(Durability.ASYNC).withAsyncFlushMillis(1000));
    for (int i = 0; i < 100; i++) {
      putCommitted(i % 8, data(), utf8("async-default-" + i), utf8("v" + i));
      assertEquals("v" + i, str(getCommitted(i % 8, data(), utf8("async-default-" + i))));
    }
    reopen(); // within the 1 s flush interval
    try (Snapshot s = store().snapshot()) {
      assertEquals("v1", str(s.get(1, data(), utf8("async-txn"))));
      for (int i = 0; i < 100; i++) {
        assertEquals("v" + i, str(s.get(i % 8, data(), utf8("async-default-" + i))), "commit " + i);
      }
    }
  }

  /** The background flusher must not break close(), whenever close() comes. */
  @Test
  default void closingAStoreWithAsyncCommitsSucceeds() {
    Path dir = tempDir().resolve("async-close");
    KvStoreConfig config =
        storeConfig().withPartitions(1).withDurability(Durability.ASYNC).withAsyncFlushMillis(1);
    for (int i = 0; i < 50; i++) {
      KvStore s = open(dir, config);
      try (WriteTxn txn = s.beginWrite()) {
        txn.put(0, s.keySpace("data"), utf8("k"), utf8("v" + i));
        txn.commit();
      }
      int round = i;
      assertDoesNotThrow(s::close, () -> "close() after " + round + " clean open/close cycles");
    }
    try (KvStore s = open(dir, config)) {
      try (Snapshot snap = s.snapshot()) {
        assertEquals("v49", str(snap.get(0, s.keySpace("data"), utf8("k"))));
      }
    }
  }

  @Test
  default void settingsOtherThanPartitionsMayChangeBetweenOpens() {
    putCommitted(2, data(), utf8("k"), utf8("v"));
    KvStoreConfig changed =
        new KvStoreConfig(
            8, List.of("data", "counters", "added"), Durability.ASYNC, 5, 2 << 20, 1 << 20);
    reopen(changed);
    assertEquals("v", str(getCommitted(2, data(), utf8("k"))));
    putCommitted(2, store().keySpace("added"), utf8("k"), utf8("in-added"));
    reopen();
    assertEquals("in-added", str(getCommitted(2, store().keySpace("added"), utf8("k"))));
    assertEquals("v", str(getCommitted(2, data(), utf8("k"))));
  }

  @Test
  default void openingWithAnotherPartitionCountIsRejected() {
    putCommitted(0, data(), utf8("k"), utf8("v"));
    closeStore();
    StoreFormatException e =
        assertOpenFails(storeDir(), storeConfig().withPartitions(3), StoreFormatException.class);
    String msg = String.valueOf(e.getMessage());
    assertTrue(
        Pattern.compile("(?<!\\d)8(?!\\d)").matcher(msg).find()
            && Pattern.compile("(?<!\\d)3(?!\\d)").matcher(msg).find(),
        "the message should name both partition counts (8 and 3): " + msg);
    reopen(); // the failed open left the store intact
    assertEquals("v", str(getCommitted(0, data(), utf8("k"))));
  }

  @Test
  default void openingADirectoryWithGarbageMetadataIsRejected() throws IOException {
    Path dir = tempDir().resolve("garbage");
    try (KvStore s = open(dir, storeConfig())) {
      try (WriteTxn txn = s.beginWrite()) {
        txn.put(0, s.keySpace("data"), utf8("k"), utf8("v"));
        txn.commit();
      }
    }
    List<Path> topLevelFiles;
    try (Stream<Path> files = Files.list(dir)) {
      topLevelFiles = files.filter(Files::isRegularFile).toList();
    }
    if (topLevelFiles.isEmpty()) {
      fail("found no metadata file at the top level of " + dir + " to corrupt");
    }
    byte[] garbage = utf8("this is not a Nereid store \u0000\u00ff\u0001 garbage garbage garbage");
    for (Path f : topLevelFiles) {
      Files.write(f, garbage);
    }
    assertOpenFails(dir, storeConfig(), StoreFormatException.class);
  }

  /** Asserts that opening fails with {@code type}; closes a store that opened anyway. */
  private <T extends Throwable> T assertOpenFails(Path dir, KvStoreConfig config, Class<T> type) {
    return assertThrows(
        type,
        () -> {
          KvStore unexpected = open(dir, config);
          unexpected.close();
        });
  }
}
