package io.nereid.kv;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The child process of {@link CrashRecoveryTest}: opens the store and commits numbered commits
 * until it is killed, printing {@code ACK <id>;} after each {@code commit()} returns.
 *
 * <p>Commit {@code id} writes {@link Mode#keysPerPart} keys into each of three partitions (see
 * {@link #partsOf}; in {@link Mode#BULK_MIXED}, every odd commit writes one partition only, which
 * the store logs as a header only) and adds 1 to the counter {@link #COUNTER_KEY} of each of them.
 * In the
 * transaction modes an even commit also deletes every key of commit {@code id - DELETE_DISTANCE}.
 * The whole model is deterministic, so the parent can compute what commits 0..n leave behind.
 *
 * <p>Usage: {@code CrashWriterMain <dir> <mode> <first id>}.
 */
public final class CrashWriterMain {

  enum Mode {
    TXN_SYNC(2, 48, Durability.SYNC),
    TXN_ASYNC(2, 48, Durability.ASYNC),
    /**
     * SYNC transactions that write one partition (an even one also deletes an older commit's keys
     * in another partition): a round of one partition commits while its log is being forced.
     */
    TXN_ONE(2, 48, Durability.SYNC),
    BULK(20, 32, Durability.SYNC),
    /** Bulk batches, every odd one into a single partition (header-only in the log). */
    BULK_MIXED(40, 32, Durability.SYNC),
    /**
     * As {@link #BULK_MIXED}, with about 2.6 MB per partition: enough for the partitions to fill
     * their entries ahead of the commit (and for the 1 MiB maps to grow meanwhile).
     */
    BULK_LARGE(256, 10_000, Durability.SYNC);

    final int keysPerPart;
    final int padding;
    final Durability durability;

    Mode(int keysPerPart, int padding, Durability durability) {
      this.keysPerPart = keysPerPart;
      this.padding = padding;
      this.durability = durability;
    }

    boolean deletes() {
      return !bulk();
    }

    boolean bulk() {
      return this == BULK || this == BULK_MIXED || this == BULK_LARGE;
    }
  }

  static final int PARTITIONS = 8;
  static final long DELETE_DISTANCE = 7;
  static final byte[] COUNTER_KEY = {'c', 'o', 'm', 'm', 'i', 't', 's'};
  /** The child exits by itself after this long, should the parent never kill it. */
  static final long MAX_RUN_NANOS = TimeUnit.SECONDS.toNanos(30);

  private CrashWriterMain() {}

  /** Small maps and a small log trigger map growth and checkpoints while the child is killed. */
  static KvStoreConfig config(Durability durability) {
    return KvStoreConfig.of("crash", "counters")
        .withPartitions(PARTITIONS)
        .withDurability(durability)
        .withInitialMapSize(1 << 20)
        .withCheckpointLogBytes(64 << 10);
  }

  /**
   * The distinct partitions commit {@code id} writes to: three, or one for odd mixed commits and
   * for {@link Mode#TXN_ONE}.
   */
  static int[] partsOf(Mode mode, long id) {
    int p = (int) (id % PARTITIONS);
    if (mode == Mode.TXN_ONE) {
      return new int[] {p};
    }
    if ((mode == Mode.BULK_MIXED || mode == Mode.BULK_LARGE) && id % 2 == 1) {
      return new int[] {p};
    }
    return new int[] {p, (p + 3) % PARTITIONS, (p + 5) % PARTITIONS};
  }

  static boolean isPart(Mode mode, long id, int partition) {
    for (int p : partsOf(mode, id)) {
      if (p == partition) {
        return true;
      }
    }
    return false;
  }

  /** The commit whose keys commit {@code id} deletes, or -1. */
  static long deletedBy(Mode mode, long id) {
    return mode.deletes() && id % 2 == 0 && id >= DELETE_DISTANCE ? id - DELETE_DISTANCE : -1;
  }

  /** Whether commit {@code id}'s keys remain after commits 0..newest all applied. */
  static boolean survives(Mode mode, long id, long newest) {
    long deleter = id + DELETE_DISTANCE;
    return !(deleter <= newest && deletedBy(mode, deleter) == id);
  }

  /** Key {@code k} of commit {@code id}: the id big-endian, then k; sorts by id. */
  static byte[] key(long id, int k) {
    return ByteBuffer.allocate(9).putLong(id).put((byte) k).array();
  }

  static byte[] value(Mode mode, long id, int partition, int k) {
    byte[] v = new byte[10 + mode.padding];
    Arrays.fill(v, (byte) id);
    ByteBuffer.wrap(v).putLong(id).put((byte) partition).put((byte) k);
    return v;
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Mode mode = Mode.valueOf(args[1]);
    long firstId = Long.parseLong(args[2]);
    long deadline = System.nanoTime() + MAX_RUN_NANOS;
    PrintStream out = System.out;
    try (KvStore store = KvStore.open(dir, config(mode.durability))) {
      KeySpace crash = store.keySpace("crash");
      KeySpace counters = store.keySpace("counters");
      for (long id = firstId; System.nanoTime() < deadline; id++) {
        if (mode.bulk()) {
          commitBulk(store, mode, crash, counters, id);
        } else {
          commitTxn(store, mode, crash, counters, id);
        }
        out.print("ACK " + id + ";\n");
        out.flush();
        if (out.checkError()) {
          return; // the parent is gone
        }
      }
    }
  }

  private static void commitTxn(
      KvStore store, Mode mode, KeySpace crash, KeySpace counters, long id) {
    try (WriteTxn txn = store.beginWrite()) {
      for (int p : partsOf(mode, id)) {
        for (int k = 0; k < mode.keysPerPart; k++) {
          txn.put(p, crash, key(id, k), value(mode, id, p, k));
        }
        txn.add(p, counters, COUNTER_KEY, 1);
      }
      long old = deletedBy(mode, id);
      if (old >= 0) {
        for (int p : partsOf(mode, old)) {
          for (int k = 0; k < mode.keysPerPart; k++) {
            txn.delete(p, crash, key(old, k));
          }
        }
      }
      txn.commit();
    }
  }

  private static void commitBulk(
      KvStore store, Mode mode, KeySpace crash, KeySpace counters, long id) {
    try (BulkBatch batch = store.bulkBatch()) {
      for (int p : partsOf(mode, id)) {
        for (int k = 0; k < mode.keysPerPart; k++) {
          batch.put(p, crash, key(id, k), value(mode, id, p, k));
        }
        batch.add(p, counters, COUNTER_KEY, 1);
      }
      batch.commit();
    }
  }
}
