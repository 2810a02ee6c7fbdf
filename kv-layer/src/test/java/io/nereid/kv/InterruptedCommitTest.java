package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.longBytes;
import static io.nereid.kv.KvTestSupport.toLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
 * Committing threads get interrupted (Gremlin Server interrupts a request's worker on timeout or
 * cancel), and the committer may be the one writing the log: an interrupt inside a FileChannel
 * write closes the channel. Every commit must still succeed, the store must keep working, and every
 * acknowledged commit must be there after reopening.
 */
class InterruptedCommitTest {

  static final int WRITERS = 4;

  @TempDir Path dir;
  @TempDir Path crashed;

  @Test
  @Timeout(120)
  void interruptsNeverLoseOrRefuseACommit() throws Exception {
    // A small log so that checkpoints (segment switches) happen under the interrupts too.
    KvStoreConfig config = KvStoreConfig.of("data").withCheckpointLogBytes(1 << 16);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    List<Throwable> failures = new ArrayList<>();
    AtomicLong interrupts = new AtomicLong();
    try (KvStore store = KvStore.open(dir, config)) {
      KeySpace data = store.keySpace("data");
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> writers = new ArrayList<>();
      AtomicLong next = new AtomicLong();
      for (int w = 0; w < WRITERS; w++) {
        Thread t = new Thread(() -> {
          while (!stop.get()) {
            long id = next.getAndIncrement();
            try (WriteTxn tx = store.beginWrite()) {
              // two partitions: a multi-partition commit goes through the log
              tx.put((int) (id % 8), data, longBytes(id), longBytes(id));
              tx.put((int) ((id + 3) % 8), data, longBytes(id), longBytes(id));
              tx.commit();
              acked.add(id);
            } catch (Throwable e) {
              synchronized (failures) {
                failures.add(e);
              }
            }
            Thread.interrupted(); // the next commit starts clean, as a pooled worker would
          }
        }, "writer-" + w);
        writers.add(t);
        t.start();
      }
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
      while (System.nanoTime() < end) {
        writers.get(ThreadLocalRandom.current().nextInt(WRITERS)).interrupt();
        interrupts.incrementAndGet();
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000, 200_000));
      }
      stop.set(true);
      for (Thread t : writers) {
        t.join(30_000);
      }
      synchronized (failures) {
        assertTrue(failures.isEmpty(), failures.size() + " commits failed under interrupts, the first: "
            + failures.subList(0, Math.min(3, failures.size())));
      }
      // What a kill -9 would leave now: the log as the interrupted appends left it, replayed on
      // open (a clean close checkpoints everything into the partitions first).
      copyOpenStore(dir, crashed);
      try (WriteTxn tx = store.beginWrite()) {
        tx.put(0, data, longBytes(-1), longBytes(-1));
        tx.commit();
      }
    }
    System.out.printf("InterruptedCommitTest: %d commits acknowledged, %d interrupts%n",
        acked.size(), interrupts.get());
    assertTrue(acked.size() > 100, "too few commits to mean anything: " + acked.size());
    try (KvStore reopened = KvStore.open(dir, config);
        Snapshot s = reopened.snapshot()) {
      KeySpace data = reopened.keySpace("data");
      for (long id : acked) {
        byte[] a = s.get((int) (id % 8), data, longBytes(id));
        byte[] b = s.get((int) ((id + 3) % 8), data, longBytes(id));
        assertNotNull(a, "acknowledged commit " + id + " lost");
        assertNotNull(b, "acknowledged commit " + id + " half there");
        assertEquals(id, toLong(a));
      }
      assertNotNull(s.get(0, data, longBytes(-1)));
    }
    try (KvStore recovered = KvStore.open(crashed, config);
        Snapshot s = recovered.snapshot()) {
      KeySpace data = recovered.keySpace("data");
      for (long id : acked) {
        assertNotNull(s.get((int) (id % 8), data, longBytes(id)),
            "acknowledged commit " + id + " lost in the crashed copy");
        assertNotNull(s.get((int) ((id + 3) % 8), data, longBytes(id)),
            "acknowledged commit " + id + " half there in the crashed copy");
      }
    }
  }

  /** Copies an open store's files (not LMDB's lock files) as they are. */
  private static void copyOpenStore(Path from, Path to) throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (java.nio.file.Files.isDirectory(p)) {
          java.nio.file.Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("lock.mdb")) {
          java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
