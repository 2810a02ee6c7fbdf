package io.nereid.kv.lmdb;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a directory, so that a created, renamed or deleted file survives power loss. */
final class FileSync {
  private FileSync() {}

  /**
   * Forces the directory. An interrupt of the calling thread would close the channel and skip the
   * sync, so the interrupt status is set aside and put back afterwards.
   */
  static void directory(Path dir) {
    boolean interrupted = false;
    try {
      for (int attempt = 1; attempt <= 8; attempt++) {
        interrupted |= Thread.interrupted();
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
          c.force(true);
          return;
        } catch (ClosedChannelException e) {
          // interrupted meanwhile: try again
        } catch (IOException e) {
          // Some file systems refuse to open a directory for reading; nothing more can be done.
          return;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
