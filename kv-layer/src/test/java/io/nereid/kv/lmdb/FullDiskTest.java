package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.nereid.kv.KeySpace;
import io.nereid.kv.KvException;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteTxn;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk: the store lives on a small tmpfs, is written until the disk refuses, then the
 * file system is enlarged and the store reopened. Every acknowledged commit must be there and the
 * store must work again. Needs root (to mount tmpfs), as on the project's CI machines.
 */
class FullDiskTest {

  @TempDir Path parent;
  private Path mountPoint;
  private boolean mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted) {
      run("umount", "-l", mountPoint.toString());
    }
  }

  @Test
  void fullDiskFailsCleanlyAndLosesNothingAcknowledged() throws Exception {
    mountPoint = parent.resolve("small-disk");
    java.nio.file.Files.createDirectories(mountPoint);
    mounted = run("mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", mountPoint.toString()) == 0;
    assumeTrue(mounted, "mounting a tmpfs needs root; this machine refused");

    Path dir = mountPoint.resolve("store");
    KvStoreConfig config =
        KvStoreConfig.of("data").withPartitions(2).withInitialMapSize(1 << 20).withCheckpointLogBytes(1 << 20);
    List<Integer> acknowledged = new ArrayList<>();
    Random random = new Random(7);
    KvException failure = null;
    KvStore store = KvStore.open(dir, config);
    KeySpace data = store.keySpace("data");
    try {
      for (int i = 0; i < 10_000 && failure == null; i++) {
        byte[] value = new byte[64 * 1024];
        random.nextBytes(value);
        try (WriteTxn tx = store.beginWrite()) {
          tx.put(i % 2, data, key(i), value);
          tx.commit();
          acknowledged.add(i);
        } catch (KvException e) {
          failure = e;
        }
      }
    } finally {
      try {
        store.close();
      } catch (KvException e) {
        // Closing may fail too while the disk is full; reopening is what must work.
      }
    }
    assertTrue(failure != null, "the 12 MiB disk never filled");
    assertTrue(
        failure.getMessage().contains("full"), "the error should say the disk is full: " + failure);
    assertTrue(acknowledged.size() > 10, "too few commits before the disk filled");

    assertEquals(0, run("mount", "-o", "remount,size=64m", mountPoint.toString()));
    random = new Random(7);
    try (KvStore reopened = KvStore.open(dir, config)) {
      KeySpace ks = reopened.keySpace("data");
      try (Snapshot s = reopened.snapshot()) {
        for (int i : acknowledged) {
          byte[] expected = new byte[64 * 1024];
          random.nextBytes(expected);
          assertArrayEquals(expected, s.get(i % 2, ks, key(i)), "acknowledged commit " + i + " lost");
        }
      }
      try (WriteTxn tx = reopened.beginWrite()) {
        tx.put(0, ks, key(-1), new byte[] {1});
        tx.commit();
      }
    }
  }

  private static byte[] key(int i) {
    return ("k" + i).getBytes();
  }

  private static int run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }
}
