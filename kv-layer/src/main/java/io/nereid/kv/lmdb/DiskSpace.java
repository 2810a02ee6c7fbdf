package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a batch before it is logged when the disk plainly cannot hold it. Once a batch is in the
 * log it must be applied, so running out of space while LMDB writes its pages leaves the store
 * stopped until it is reopened; checking first turns the common case, a disk filling up, into a
 * clean failure of the one commit. (Another process can still take the space between the check and
 * the write: that rare case is the stop-and-reopen path.)
 */
final class DiskSpace {

  /** Pages a partition may copy for one commit beyond its data: the B-tree path and free list. */
  private static final long PER_PARTITION_SLACK = 256 * 1024;
  /** Room always kept free for checkpoints and log segment starts. */
  private static final long RESERVE = 1 << 20;

  private final Path dir;
  private final FileStore fileStore;

  DiskSpace(Path dir) {
    this.dir = dir;
    try {
      this.fileStore = Files.getFileStore(dir);
    } catch (IOException e) {
      throw new KvException("cannot inspect the file system of " + dir, e);
    }
  }

  /** Throws {@link StoreFullException} if the log bytes plus the pages the batch needs do not fit. */
  void check(List<CommitRecord> records, long logBytes) {
    Map<Integer, Long> perPartition = new HashMap<>();
    for (CommitRecord r : records) {
      for (Mutation m : r.mutations()) {
        perPartition.merge(m.partition(), (long) m.encodedSize(), Long::sum);
      }
    }
    long needed = logBytes + RESERVE;
    for (long bytes : perPartition.values()) {
      needed += 3 * bytes + PER_PARTITION_SLACK;
    }
    long usable;
    try {
      usable = fileStore.getUsableSpace();
    } catch (IOException e) {
      return; // cannot tell: let the write itself report
    }
    if (usable < needed) {
      throw new StoreFullException(
          "the disk is full: "
              + usable
              + " bytes free under "
              + dir
              + ", a commit of this size needs about "
              + needed
              + "; nothing of it was written",
          null);
    }
  }
}
