package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Refuses a batch before it is logged when the disk plainly cannot hold it. Once a batch is in the
 * log it must be applied, so running out of space while LMDB writes its pages leaves the store
 * stopped until it is reopened; checking first turns the common case, a disk filling up, into a
 * clean failure of the one commit. (Another process can still take the space between the check and
 * the write: that rare case is the stop-and-reopen path.)
 *
 * <p>Asking the file system ({@code statfs}) costs about as much as a small commit's CPU work, so
 * its answer is reused for {@link #RECHECK_NANOS} as long as the batches since then are estimated to
 * need less than half of the space it reported; near a full disk every batch asks. Used by the
 * log-role holder only (one thread at a time).
 */
final class DiskSpace {

  /** Pages a partition may copy for one commit beyond its data: the B-tree path and free list. */
  private static final long PER_PARTITION_SLACK = 256 * 1024;
  /** Room always kept free for checkpoints and log segment starts. */
  private static final long RESERVE = 1 << 20;
  static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final Path dir;
  private final FileStore fileStore;
  private long checkedAt;
  private boolean checkedOnce;
  private long usableThen;
  private long neededSince;

  DiskSpace(Path dir) {
    this.dir = dir;
    try {
      this.fileStore = Files.getFileStore(dir);
    } catch (IOException e) {
      throw new KvException("cannot inspect the file system of " + dir, e);
    }
  }

  /**
   * Throws {@link StoreFullException} if the log bytes plus the pages a batch of {@code dataBytes}
   * (encoded mutations) over at most {@code partitions} partitions needs do not fit.
   */
  void check(long logBytes, long dataBytes, int partitions) {
    long needed = logBytes + 3 * dataBytes + partitions * PER_PARTITION_SLACK;
    long now = System.nanoTime();
    if (checkedOnce
        && now - checkedAt < RECHECK_NANOS
        && neededSince + needed + RESERVE <= usableThen / 2) {
      neededSince += needed;
      return;
    }
    long usable;
    try {
      usable = fileStore.getUsableSpace();
    } catch (IOException e) {
      return; // cannot tell: let the write itself report
    }
    checkedOnce = true;
    checkedAt = now;
    usableThen = usable;
    neededSince = needed;
    if (usable < needed + RESERVE) {
      checkedOnce = false; // ask again next time
      throw new StoreFullException(
          "the disk is full: "
              + usable
              + " bytes free under "
              + dir
              + ", a commit of this size needs about "
              + (needed + RESERVE)
              + "; nothing of it was written",
          null);
    }
  }
}
