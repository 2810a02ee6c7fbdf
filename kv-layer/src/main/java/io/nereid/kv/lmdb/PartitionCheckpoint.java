package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.agrona.DirectBuffer;
import org.lmdbjava.Env;
import org.lmdbjava.Txn;

/**
 * The state of one partition that a crash falls back to, and what keeps that state on disk.
 *
 * <p>Partitions run with {@code MDB_NOSYNC}: an LMDB commit writes its pages to the page cache and
 * forces nothing, because the write-ahead log (forced per round) already makes the commit durable.
 * After a power loss such a file may hold any subset of the pages written since it was last forced,
 * including a meta page that points at pages that never reached the disk. Two things make it safe:
 *
 * <ol>
 *   <li>At a checkpoint the file is forced and its two meta pages (LMDB's root: the trees' roots,
 *       the last page, the transaction id) are copied into {@code checkpoint.meta} (two slots,
 *       each with a checksum; written alternately, so one is always whole). Opening the partition
 *       writes the newest whole copy back over the meta pages first: the file is then exactly the
 *       checkpointed tree, and the log redoes every commit after it.
 *   <li>That tree's pages must still be there. LMDB reuses a page freed by a later commit only when
 *       no reader can still see it, so a read transaction is held open on the checkpointed state
 *       (the <i>pin</i>) until the next checkpoint: no page of the checkpointed tree is written
 *       over meanwhile, whatever reaches the disk.
 * </ol>
 *
 * Between checkpoints the file grows by the pages written (they cannot be reused), which is why
 * the store checkpoints its partitions when that growth passes a bound.
 */
final class PartitionCheckpoint implements AutoCloseable {

  static final String FILE = "checkpoint.meta";
  private static final int MAGIC = 0x4e434b50; // "NCKP"
  private static final int HEADER = 4 + 8 + 4;
  /** Two meta pages of LMDB's largest page size. */
  private static final int MAX_META_BYTES = 2 * 65536;
  /** Slot 1 starts here: each slot is a header, the meta pages and a CRC-32C. */
  private static final long SLOT_STRIDE = HEADER + MAX_META_BYTES + 4;

  private final Path dataFile;
  private final FileChannel channel;
  private final int metaBytes;
  private final int slotBytes;
  private long ordinal;
  private Txn<DirectBuffer> pin;
  private volatile long lastPageAtPin;

  PartitionCheckpoint(Path dir, int pageSize) {
    this.dataFile = dir.resolve("data.mdb");
    this.metaBytes = 2 * pageSize;
    this.slotBytes = HEADER + metaBytes + 4;
    try {
      Path file = dir.resolve(FILE);
      boolean existed = Files.exists(file);
      this.channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (!existed) {
        FileSync.directory(dir);
      }
      Slot latest = latest(channel);
      this.ordinal = latest == null ? 0 : latest.ordinal;
    } catch (IOException e) {
      throw new KvException("cannot open " + dir.resolve(FILE), e);
    }
  }

  /**
   * Before LMDB opens the partition in {@code dir}: writes the last checkpoint's meta pages back
   * over the data file's, if they differ (the process or the machine stopped after commits that
   * were never checkpointed). Returns whether it did.
   */
  static boolean restore(Path dir) {
    Path file = dir.resolve(FILE);
    Path data = dir.resolve("data.mdb");
    if (!Files.exists(file) || !Files.exists(data)) {
      return false;
    }
    try (FileChannel ck = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel db = FileChannel.open(data, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      Slot saved = latest(ck);
      if (saved == null) {
        // None saved yet: the first is saved, forced, right after LMDB opens the file and before
        // anything commits, so there is nothing to fall back from.
        return false;
      }
      ByteBuffer current = ByteBuffer.allocate(saved.meta.length);
      readFully(db, current, 0);
      if (Arrays.equals(current.array(), saved.meta)) {
        return false;
      }
      ByteBuffer meta = ByteBuffer.wrap(saved.meta);
      while (meta.hasRemaining()) {
        db.write(meta, meta.position());
      }
      db.force(true);
      return true;
    } catch (IOException e) {
      throw new KvException("cannot restore the checkpoint of " + dir, e);
    }
  }

  /**
   * Makes the partition's current state the one a crash falls back to: forces the data file and
   * saves its meta pages ({@link #pin} it next, or unpin and pin after a resize). The caller guarantees that nothing
   * commits here meanwhile, and that every commit in this state is in the log, forced, or
   * (a one-partition bulk batch) durable by this checkpoint alone.
   */
  void save(Env<DirectBuffer> env) {
    env.sync(true);
    try (FileChannel db = FileChannel.open(dataFile, StandardOpenOption.READ)) {
      ByteBuffer slot = ByteBuffer.allocate(slotBytes).order(ByteOrder.BIG_ENDIAN);
      slot.putInt(MAGIC).putLong(ordinal + 1).putInt(metaBytes);
      ByteBuffer meta = slot.slice(HEADER, metaBytes);
      readFully(db, meta, 0);
      CRC32C crc = new CRC32C();
      crc.update(slot.array(), 0, HEADER + metaBytes);
      slot.putInt(HEADER + metaBytes, (int) crc.getValue());
      slot.clear();
      long at = ((ordinal + 1) & 1) * SLOT_STRIDE;
      while (slot.hasRemaining()) {
        channel.write(slot, at + slot.position());
      }
      channel.force(false);
      ordinal++;
    } catch (IOException e) {
      throw new KvException("cannot checkpoint " + dataFile, e);
    }
  }

  /** Whether a checkpoint was saved (a new store, or one made before checkpoints, has none). */
  boolean hasSavedState() {
    return ordinal > 0;
  }

  /** Holds the current state (the one just checkpointed); then lets go of the one held before. */
  void pin(Env<DirectBuffer> env) {
    Txn<DirectBuffer> old = pin;
    pin = env.txnRead();
    lastPageAtPin = env.info().lastPageNumber;
    if (old != null) {
      old.close();
    }
  }

  /** Releases the pin (before the map is resized or the environment closed). */
  void unpin() {
    if (pin != null) {
      pin.close();
      pin = null;
    }
  }

  /** Pages the data file has grown by since the last checkpoint. */
  long pagesSincePin(Env<DirectBuffer> env) {
    return env.info().lastPageNumber - lastPageAtPin;
  }

  @Override
  public void close() {
    unpin();
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was pending: every save forced its write
    }
  }

  private record Slot(long ordinal, byte[] meta) {}

  /** The newest whole slot of a checkpoint file, or null. */
  private static Slot latest(FileChannel ck) throws IOException {
    long size = ck.size();
    Slot best = null;
    for (int i = 0; i < 2; i++) {
      Slot s = readSlot(ck, size, i);
      if (s != null && (best == null || s.ordinal > best.ordinal)) {
        best = s;
      }
    }
    return best;
  }

  private static Slot readSlot(FileChannel ck, long size, int index) throws IOException {
    long at = index * SLOT_STRIDE;
    if (size < at + HEADER) {
      return null;
    }
    ByteBuffer head = ByteBuffer.allocate(HEADER);
    readFully(ck, head, at);
    int metaBytes = head.getInt(12);
    if (head.getInt(0) != MAGIC || metaBytes <= 0 || metaBytes > MAX_META_BYTES) {
      return null;
    }
    int slotBytes = HEADER + metaBytes + 4;
    if (size < at + slotBytes) {
      return null;
    }
    ByteBuffer slot = ByteBuffer.allocate(slotBytes);
    readFully(ck, slot, at);
    CRC32C crc = new CRC32C();
    crc.update(slot.array(), 0, HEADER + metaBytes);
    if (slot.getInt(HEADER + metaBytes) != (int) crc.getValue()) {
      return null;
    }
    return new Slot(slot.getLong(4), Arrays.copyOfRange(slot.array(), HEADER, HEADER + metaBytes));
  }

  private static void readFully(FileChannel ch, ByteBuffer into, long at) throws IOException {
    long pos = at;
    while (into.hasRemaining()) {
      int n = ch.read(into, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file at " + pos);
      }
      pos += n;
    }
  }
}
