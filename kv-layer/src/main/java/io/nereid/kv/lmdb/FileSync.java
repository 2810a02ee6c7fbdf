package io.nereid.kv.lmdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a directory, so that a created, renamed or deleted file survives power loss. */
final class FileSync {
  private FileSync() {}

  static void directory(Path dir) {
    try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
      c.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open a directory for reading; nothing more can be done there.
    }
  }
}
