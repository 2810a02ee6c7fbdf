package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.toLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nereid.kv.CrashWriterMain.Mode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Deque;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing child JVM ({@link CrashWriterMain}) with SIGKILL at random moments, reopens the
 * store and checks: every acknowledged commit is fully there, no commit is there in part (in any
 * partition, including its deletes and counter additions), and at most the one commit in flight
 * beyond the last acknowledgement is there. The rounds reuse one directory, so each recovery
 * starts from a store that itself was recovered.
 */
class CrashRecoveryTest {

  static final Pattern ACK = Pattern.compile("ACK (\\d+);");

  @TempDir Path tempDir;

  /** What one child run left: its last ACK, and how long it took to give its first one. */
  record ChildRun(long lastAck, long firstAckMillis) {}

  /** 20 rounds of write transactions, alternately SYNC and ASYNC (a process crash loses none). */
  @Test
  @Timeout(150)
  void killedTransactionWriterRecoversAllAcknowledgedCommitsAndNoPartialOne() throws Exception {
    runRounds(20, new Mode[] {Mode.TXN_SYNC, Mode.TXN_ASYNC}, 11);
  }

  /**
   * 20 rounds of SYNC transactions of one partition (every even one also deletes in a second): the
   * kill lands while a partition commits and the log is forced at the same time.
   */
  @Test
  @Timeout(150)
  void killedOnePartitionWriterRecoversAllAcknowledgedCommitsAndNoPartialOne() throws Exception {
    runRounds(20, new Mode[] {Mode.TXN_ONE}, 13);
  }

  /** 20 rounds of bulk batches: each batch is all-or-nothing. */
  @Test
  @Timeout(150)
  void killedBulkWriterRecoversWholeBatchesOnly() throws Exception {
    runRounds(20, new Mode[] {Mode.BULK}, 23);
  }

  /**
   * 20 rounds of bulk batches, every other one into a single partition: those are logged as a
   * header only and made durable by their partition alone, and must be all-or-nothing too.
   */
  @Test
  @Timeout(150)
  void killedMixedBulkWriterRecoversWholeBatchesOnly() throws Exception {
    runRounds(20, new Mode[] {Mode.BULK_MIXED}, 37);
  }

  /**
   * 8 rounds of large bulk batches (about 2.6 MB per partition, over three partitions or one):
   * large enough that each partition fills its entries into LMDB ahead of the commit, so the kill
   * also lands while a speculative transaction is open or being adopted.
   */
  @Test
  @Timeout(150)
  void killedLargeBulkWriterRecoversWholeBatchesOnly() throws Exception {
    runRounds(8, new Mode[] {Mode.BULK_LARGE}, 41);
  }

  private void runRounds(int rounds, Mode[] modes, long seed) throws Exception {
    for (Mode m : modes) { // the rounds share a directory, so they must share a model
      assertEquals(modes[0].keysPerPart, m.keysPerPart);
      assertEquals(modes[0].padding, m.padding);
      assertEquals(modes[0].deletes(), m.deletes());
    }
    Path dir = tempDir.resolve("store");
    Random rnd = new Random(seed);
    long newest = -1; // the newest commit present after the last recovery
    for (int round = 0; round < rounds; round++) {
      Mode mode = modes[round % modes.length];
      int killDelayMillis = 100 + rnd.nextInt(601);
      long firstId = newest + 1; // ids continue from what the last recovery kept
      ChildRun run = runChildAndKill(dir, mode, firstId, killDelayMillis, round);
      long t0 = System.nanoTime();
      newest = verifyRecoveredStore(dir, mode, run.lastAck(), round);
      System.out.printf(
          "CrashRecoveryTest round %d (%s): first ACK after %d ms, killed %d ms later;"
              + " commits %d..%d acked, recovered up to %d, verified in %d ms%n",
          round,
          mode,
          run.firstAckMillis(),
          killDelayMillis,
          firstId,
          run.lastAck(),
          newest,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Runs the child from commit {@code firstId} on, and kills it a while after its first ACK. */
  private ChildRun runChildAndKill(Path dir, Mode mode, long firstId, int killDelayMillis, int round)
      throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path stderr = tempDir.resolve("child-" + round + ".err");
    Process child =
        new ProcessBuilder(
                java,
                // Startup speed only (C1, serial GC): a round is mostly a JVM starting.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWriterMain.class.getName(),
                dir.toString(),
                mode.name(),
                Long.toString(firstId))
            .redirectError(stderr.toFile())
            .start();
    AckReader acks = new AckReader(child, firstId);
    acks.start();
    long t0 = System.nanoTime();
    try {
      if (!acks.firstAck.await(60, TimeUnit.SECONDS)) {
        fail("round " + round + ": no ACK from the child; " + describe(child, acks, stderr));
      }
      long firstAckMillis = (System.nanoTime() - t0) / 1_000_000;
      // The delay only chooses where in the commit stream the kill lands; no result depends on it.
      Thread.sleep(killDelayMillis);
      if (!child.isAlive()) {
        fail("round " + round + ": the child died by itself; " + describe(child, acks, stderr));
      }
      // SIGKILL, through the handle: Process.destroyForcibly() would also close our end of the
      // child's stdout, losing ACKs still in the pipe; the handle only sends the signal.
      child.toHandle().destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the killed child did not exit");
      acks.join(TimeUnit.SECONDS.toMillis(30)); // reads what the child wrote before it died
      assertFalse(acks.isAlive(), "stdout of the dead child never ended");
      if (acks.error != null) {
        fail("round " + round + ": " + acks.error + "; " + describe(child, acks, stderr));
      }
      return new ChildRun(acks.lastAck, firstAckMillis);
    } finally {
      child.destroyForcibly();
    }
  }

  private static String describe(Process child, AckReader acks, Path stderr) throws IOException {
    String exit = child.isAlive() ? "running" : "exit code " + child.exitValue();
    String err = Files.exists(stderr) ? Files.readString(stderr) : "";
    if (err.length() > 4000) {
      err = err.substring(0, 4000) + "...";
    }
    return exit + ", last ACK " + acks.lastAck + ", other stdout " + acks.otherLines
        + ", stderr:\n" + err;
  }

  /** Reads the child's stdout to its end; only newline-terminated complete ACK lines count. */
  static final class AckReader extends Thread {
    final Process child;
    final CountDownLatch firstAck = new CountDownLatch(1);
    final Deque<String> otherLines = new ConcurrentLinkedDeque<>();
    volatile long lastAck;
    volatile String error;

    AckReader(Process child, long firstId) {
      this.child = child;
      this.lastAck = firstId - 1;
      setDaemon(true);
      setName("ack-reader");
    }

    @Override
    public void run() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          Matcher m = ACK.matcher(line);
          if (!m.matches()) {
            otherLines.addLast(line);
            if (otherLines.size() > 5) {
              otherLines.removeFirst();
            }
            continue;
          }
          long id = Long.parseLong(m.group(1));
          if (id != lastAck + 1 && error == null) {
            error = "ACK " + id + " after ACK " + lastAck;
          }
          lastAck = id;
          firstAck.countDown();
        }
      } catch (IOException e) {
        error = "reading the child's stdout: " + e;
      }
    }
  }

  /**
   * Opens the recovered store and checks it equals the state after commits 0..n for an n of
   * lastAck or lastAck + 1. Returns n.
   */
  private long verifyRecoveredStore(Path dir, Mode mode, long lastAck, int round) {
    String where = "round " + round + ": ";
    try (KvStore store = KvStore.open(dir, CrashWriterMain.config(Durability.SYNC));
        Snapshot s = store.snapshot()) {
      KeySpace crash = store.keySpace("crash");
      KeySpace counters = store.keySpace("counters");

      // The newest commit present: its keys are never deleted (only later commits delete).
      long newest = -1;
      for (int p = 0; p < CrashWriterMain.PARTITIONS; p++) {
        try (KvIterator it = s.scan(p, crash, KeyRange.all().reversed())) {
          if (it.hasNext()) {
            newest = Math.max(newest, toLong(it.next().key(), 0));
          }
        }
      }
      if (newest < lastAck) {
        fail(where + "acknowledged commit " + lastAck + " lost; newest present is " + newest);
      }
      if (newest > lastAck + 1) {
        fail(where + "commit " + newest + " present, but the last ACK was " + lastAck);
      }

      for (int p = 0; p < CrashWriterMain.PARTITIONS; p++) {
        verifyPartition(s, crash, mode, p, newest, lastAck, where);
        long commits = 0;
        for (long id = 0; id <= newest; id++) {
          commits += CrashWriterMain.isPart(mode, id, p) ? 1 : 0;
        }
        byte[] counter = s.get(p, counters, CrashWriterMain.COUNTER_KEY);
        assertEquals(
            commits,
            counter == null ? 0 : toLong(counter),
            where + "counter of partition " + p + " after commits 0.." + newest);
      }
      return newest;
    }
  }

  /** Compares one partition, key by key, with the model of commits 0..newest. */
  private static void verifyPartition(
      Snapshot s, KeySpace crash, Mode mode, int p, long newest, long lastAck, String where) {
    try (KvIterator it = s.scan(p, crash, KeyRange.all())) {
      for (long id = 0; id <= newest; id++) {
        if (!CrashWriterMain.isPart(mode, id, p) || !CrashWriterMain.survives(mode, id, newest)) {
          continue;
        }
        for (int k = 0; k < mode.keysPerPart; k++) {
          byte[] want = CrashWriterMain.key(id, k);
          if (!it.hasNext()) {
            fail(where + describeMissing(id, k, p, lastAck) + " (partition ends)");
          }
          KvEntry e = it.next();
          if (!Arrays.equals(want, e.key())) {
            String diag =
                ByteKeys.compare(e.key(), want) < 0
                    ? explainUnexpected(mode, e.key(), p, newest)
                    : describeMissing(id, k, p, lastAck);
            fail(where + diag + " (newest commit " + newest + ", last ACK " + lastAck + ")");
          }
          if (!Arrays.equals(CrashWriterMain.value(mode, id, p, k), e.value())) {
            fail(where + "corrupt value of commit " + id + " key " + k + " in partition " + p);
          }
        }
      }
      if (it.hasNext()) {
        fail(where + explainUnexpected(mode, it.next().key(), p, newest));
      }
    }
  }

  private static String describeMissing(long id, int k, int p, long lastAck) {
    return (id <= lastAck ? "acknowledged" : "in-flight, partly present,")
        + " commit " + id + " lacks key " + k + " in partition " + p;
  }

  private static String explainUnexpected(Mode mode, byte[] key, int p, long newest) {
    if (key.length != 9) {
      return "unexpected key " + ByteKeys.toHex(key) + " in partition " + p + ": not 9 bytes";
    }
    long id = toLong(key, 0);
    String what =
        "unexpected key " + ByteKeys.toHex(key) + " of commit " + id + " in partition " + p;
    if (id > newest) {
      return what + ": not a key any of commits 0.." + newest + " writes";
    }
    if (!CrashWriterMain.isPart(mode, id, p)) {
      return what
          + ": that commit writes partitions "
          + Arrays.toString(CrashWriterMain.partsOf(mode, id));
    }
    if (!CrashWriterMain.survives(mode, id, newest)) {
      return what + ": commit " + (id + CrashWriterMain.DELETE_DISTANCE)
          + " deleted it and is present elsewhere, so it was applied in part";
    }
    return what + ": key index " + (key[8] & 0xFF) + " beyond " + mode.keysPerPart;
  }
}
