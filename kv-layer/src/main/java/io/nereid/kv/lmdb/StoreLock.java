package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time per store: an exclusive lock on {@code nereid-kv.lock}, held while the
 * store is open. The log has one writer, and opening a store writes its partitions' checkpointed
 * meta pages back (see {@link PartitionCheckpoint}), which would wreck a store that another
 * process has open. The operating system drops the lock when its process dies, so a killed
 * process never leaves a store locked.
 */
final class StoreLock implements AutoCloseable {

  static final String FILE = "nereid-kv.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private StoreLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Locks the store in {@code dir}, or says who holds it. */
  static StoreLock acquire(Path dir) {
    Path file = dir.resolve(FILE);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new KvException("cannot open " + file + ": " + e.getMessage(), e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new KvException(
            "store " + dir + " is open in another process (it holds a lock on " + file + ")");
      }
      return new StoreLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw new KvException("store " + dir + " is already open in this process", e);
    } catch (IOException e) {
      close(channel);
      throw new KvException("cannot lock " + file + ": " + e.getMessage(), e);
    } catch (KvException e) {
      close(channel);
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    close(channel);
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was written
    }
  }
}
