package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFormatException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * The metadata file {@code nereid-kv.properties}: format version and partition count, fixed when a
 * store is created. Written atomically (temporary file, fsync, rename) so a crash during creation
 * leaves either no store or a whole one.
 */
final class StoreMetadata {

  static final String FILE = "nereid-kv.properties";
  /**
   * 2: partitions force nothing at commit and fall back to {@code checkpoint.meta} after a crash.
   * A format-1 store (partitions forced at each commit) is read and upgraded once its partitions
   * have checkpoints; a build that reads only format 1 then refuses it, since it would skip the
   * restore.
   */
  static final int FORMAT_VERSION = 2;

  private static final int UPGRADABLE_FORMAT = 1;

  private StoreMetadata() {}

  /**
   * Reads the metadata, creating it for a new store; checks the partition count. Returns whether
   * the store is of the older format, to {@link #upgrade} once it is open.
   */
  static boolean openOrCreate(Path dir, int partitions) {
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        return check(file, partitions) == UPGRADABLE_FORMAT;
      }
      try (var entries = Files.list(dir)) {
        if (entries.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
          throw new StoreFormatException(
              dir + " is not empty and holds no " + FILE + ": not a Nereid store");
        }
      }
      write(file, partitions);
      return false;
    } catch (IOException e) {
      throw new KvException("cannot open store metadata in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Records the current format, once an older store's partitions have their checkpoints. */
  static void upgrade(Path dir, int partitions) {
    try {
      write(dir.resolve(FILE), partitions);
    } catch (IOException e) {
      throw new KvException("cannot upgrade store metadata in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static int check(Path file, int partitions) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(file + " is not a valid metadata file: " + e.getMessage());
    }
    int format = intProperty(file, p, "format");
    int stored = intProperty(file, p, "partitions");
    if (format != FORMAT_VERSION && format != UPGRADABLE_FORMAT) {
      throw new StoreFormatException(
          file + ": store format " + format + ", this version reads format " + FORMAT_VERSION);
    }
    if (stored != partitions) {
      throw new StoreFormatException(
          file.getParent()
              + " was created with "
              + stored
              + " partitions; it cannot be opened with "
              + partitions);
    }
    return format;
  }

  private static int intProperty(Path file, Properties p, String name) {
    String v = p.getProperty(name);
    try {
      return Integer.parseInt(v == null ? "" : v.trim());
    } catch (NumberFormatException e) {
      throw new StoreFormatException(file + ": missing or invalid '" + name + "' (" + v + ")");
    }
  }

  private static void write(Path file, int partitions) throws IOException {
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(FORMAT_VERSION));
    p.setProperty("partitions", Integer.toString(partitions));
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "Nereid kv-layer store; do not edit");
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    FileSync.directory(file.getParent());
  }
}
