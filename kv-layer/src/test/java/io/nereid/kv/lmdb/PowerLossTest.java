package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.Durability;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteTxn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulates power losses. Partitions force nothing at commit (the log does), so after a power loss
 * a data file may hold any mix of the pages written since its last checkpoint: each page as it was
 * at the checkpoint or as it was last written, and pages beyond the checkpoint's end written or
 * not. For several such mixes (drawn at random, plus "nothing reached the disk" and "everything
 * did"), a copy of the store built from the mix must open with exactly the acknowledged commits.
 *
 * <p>This holds only because the checkpointed tree's pages are never written over before the next
 * checkpoint (the pin) and opening falls back to the checkpointed meta pages: without either, the
 * mixes hand LMDB a tree with pages of two different states.
 */
class PowerLossTest {

  private static final int PARTITIONS = 2;
  private static final int KEYS = 3000;

  @TempDir Path tmp;

  @Test
  void everyMixOfUnforcedPagesRecoversExactlyTheAcknowledgedCommits() throws IOException {
    // No background checkpoint during the test (the files grow by less than an eighth of their
    // maps): the image taken at the explicit one stays the last forced state of the files.
    KvStoreConfig config =
        KvStoreConfig.of("data")
            .withPartitions(PARTITIONS)
            .withDurability(Durability.SYNC)
            .withInitialMapSize(256 << 20)
            .withCheckpointLogBytes(1L << 40)
            .withCheckpointDataBytes(1L << 40);
    Path dir = tmp.resolve("store");
    KvStore store = KvStore.open(dir, config);
    try {
      KeySpace data = store.keySpace("data");
      Map<String, byte[]> model = new HashMap<>();
      Random random = new Random(7);
      for (int i = 0; i < KEYS; i += 100) {
        try (WriteTxn txn = store.beginWrite()) {
          for (int k = i; k < i + 100; k++) {
            put(txn, data, model, k, value(k, 0, random));
          }
          txn.commit();
        }
      }
      store.checkpoint();
      byte[][] atCheckpoint = new byte[PARTITIONS][];
      for (int p = 0; p < PARTITIONS; p++) {
        atCheckpoint[p] = Files.readAllBytes(dataFile(dir, p));
      }
      long checkpoints = store.stats().checkpoints();
      // Commits after the checkpoint: updates that touch both partitions (so that LMDB frees the
      // checkpointed pages and would reuse them), deletes and new keys.
      for (int round = 1; round <= 400; round++) {
        try (WriteTxn txn = store.beginWrite()) {
          for (int j = 0; j < 8; j++) {
            int k = random.nextInt(KEYS + 500);
            if (random.nextInt(5) == 0) {
              delete(txn, data, model, k);
            } else {
              put(txn, data, model, k, value(k, round, random));
            }
          }
          txn.commit();
        }
      }
      assertEquals(checkpoints, store.stats().checkpoints(), "no checkpoint after the image");
      for (int mix = 0; mix < 6; mix++) {
        Path copy = tmp.resolve("power-loss-" + mix);
        copyWithMixedPages(dir, copy, atCheckpoint, mix);
        try (KvStore recovered = KvStore.open(copy, config)) {
          assertSameContents(recovered, model, "mix " + mix);
        }
      }
    } finally {
      store.close();
    }
  }

  @Test
  void aStoreWithoutCheckpointsSavesOneBeforeAnythingCommits() throws IOException {
    // A store made before partitions had checkpoints (format 1): the same files, without
    // checkpoint.meta.
    KvStoreConfig config = KvStoreConfig.of("data").withPartitions(PARTITIONS);
    Path dir = tmp.resolve("old");
    Map<String, byte[]> model = new HashMap<>();
    try (KvStore store = KvStore.open(dir, config);
        WriteTxn txn = store.beginWrite()) {
      for (int k = 0; k < KEYS; k++) {
        put(txn, store.keySpace("data"), model, k, value(k, 0, new Random(k)));
      }
      txn.commit();
    }
    for (int p = 0; p < PARTITIONS; p++) {
      Files.delete(dataFile(dir, p).resolveSibling(PartitionCheckpoint.FILE));
    }
    Path metadata = dir.resolve(StoreMetadata.FILE);
    Files.writeString(metadata, Files.readString(metadata).replace("format=2", "format=1"));
    try (KvStore store = KvStore.open(dir, config)) {
      assertTrue(Files.readString(metadata).contains("format=2"), "upgraded once open");
      assertSameContents(store, model, "reopened without checkpoints");
      for (int p = 0; p < PARTITIONS; p++) {
        assertTrue(Files.size(dataFile(dir, p).resolveSibling(PartitionCheckpoint.FILE)) > 0);
      }
    }
    // What a crash falls back to now is the state saved at that open.
    byte[] garbage = new byte[8192];
    new Random(3).nextBytes(garbage);
    for (int p = 0; p < PARTITIONS; p++) {
      try (var ch = java.nio.channels.FileChannel.open(dataFile(dir, p), java.nio.file.StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(garbage), 0); // both meta pages torn
      }
    }
    try (KvStore store = KvStore.open(dir, config)) {
      assertSameContents(store, model, "meta pages torn after the first checkpoint");
    }
  }

  /**
   * Copies the store (the log as written: every acknowledged commit forced it) with each data file
   * a mix of its checkpoint image and its current pages. Mix 0: no page written since the
   * checkpoint reached the disk; mix 1: all of them did (as after kill -9); other mixes: each page
   * written since (one that differs from the image, or lies past its end) is, at random, as at the
   * checkpoint, as written last, or garbage (a torn write).
   */
  private static void copyWithMixedPages(Path from, Path to, byte[][] image, int mix)
      throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        String name = f.getFileName().toString();
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!name.equals("lock.mdb") && !name.equals("data.mdb")) {
          Files.copy(f, target);
        }
      }
    }
    Random random = new Random(1000 + mix);
    int page = 4096;
    for (int p = 0; p < image.length; p++) {
      byte[] old = image[p];
      byte[] current = Files.readAllBytes(dataFile(from, p));
      byte[] mixed = new byte[Math.max(current.length, old.length)];
      for (int at = 0; at < mixed.length; at += page) {
        int n = Math.min(page, mixed.length - at);
        byte[] before = at + n <= old.length ? old : null;
        byte[] after = at + n <= current.length ? current : null;
        int choice = mix <= 1 ? mix : random.nextInt(3);
        byte[] source = choice == 0 ? before : choice == 1 ? after : null;
        if (choice == 2) {
          for (int b = at; b < at + n; b++) {
            mixed[b] = (byte) random.nextInt();
          }
        } else if (source != null) {
          System.arraycopy(source, at, mixed, at, n);
        } // else: never written: zeros
        if (before != null
            && after != null
            && java.util.Arrays.equals(old, at, at + n, current, at, at + n)) {
          System.arraycopy(old, at, mixed, at, n); // not written since the checkpoint
        }
      }
      Files.write(dataFile(to, p), mixed);
    }
  }

  private static void assertSameContents(KvStore store, Map<String, byte[]> model, String what) {
    KeySpace data = store.keySpace("data");
    try (Snapshot s = store.snapshot()) {
      for (int k = 0; k < KEYS + 500; k++) {
        byte[] expected = model.get(key(k));
        byte[] actual = s.get(k % PARTITIONS, data, bytes(key(k)));
        if (expected == null) {
          assertNull(actual, what + ": key " + k + " was deleted or never written");
        } else {
          assertTrue(actual != null, what + ": key " + k + " is missing");
          assertArrayEquals(expected, actual, what + ": key " + k);
        }
      }
    }
  }

  private static void put(WriteTxn txn, KeySpace data, Map<String, byte[]> model, int k, byte[] v) {
    txn.put(k % PARTITIONS, data, bytes(key(k)), v);
    model.put(key(k), v);
  }

  private static void delete(WriteTxn txn, KeySpace data, Map<String, byte[]> model, int k) {
    txn.delete(k % PARTITIONS, data, bytes(key(k)));
    model.remove(key(k));
  }

  private static byte[] value(int k, int round, Random random) {
    byte[] v = new byte[40 + random.nextInt(200)];
    random.nextBytes(v);
    v[0] = (byte) k;
    v[1] = (byte) round;
    return v;
  }

  private static String key(int k) {
    return String.format("key-%06d", k);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static Path dataFile(Path store, int p) {
    return store.resolve(String.format("partition-%03d", p)).resolve("data.mdb");
  }
}
