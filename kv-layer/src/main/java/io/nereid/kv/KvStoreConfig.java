package io.nereid.kv;

import java.util.List;
import java.util.Objects;

/**
 * How a store is opened. The partition count is fixed when a store is created and checked on every
 * later open; the other settings may change between opens.
 *
 * @param partitions number of partitions (LMDB environments), fixed at creation
 * @param keySpaces names of the key spaces every partition holds
 * @param durability default durability of write transactions
 * @param asyncFlushMillis how often {@link Durability#ASYNC} commits are forced to disk
 * @param initialMapSize initial LMDB map size per partition, in bytes, or {@link #AUTO_MAP_SIZE}:
 *     the size of the file system holding the store, at most 256 GiB (address space only: the files
 *     grow as data arrives). The map grows by itself, but growing has to wait until no snapshot is
 *     open, so a map that never needs to grow is best.
 * @param checkpointLogBytes write-ahead log size that triggers a background checkpoint
 * @param checkpointDataBytes growth of a partition's data file since its last checkpoint that
 *     triggers a background checkpoint of the partitions (pages written after a checkpoint are not
 *     reused before the next one, so this bounds how far a file outgrows its data)
 */
public record KvStoreConfig(
    int partitions,
    List<String> keySpaces,
    Durability durability,
    long asyncFlushMillis,
    long initialMapSize,
    long checkpointLogBytes,
    long checkpointDataBytes) {

  /** 64 MiB: see {@link #checkpointDataBytes()}. */
  public static final long DEFAULT_CHECKPOINT_DATA_BYTES = 64L << 20;
  public static final int DEFAULT_PARTITIONS = 8;
  public static final int MAX_KEY_BYTES = 511;
  public static final int MAX_VALUE_BYTES = 64 * 1024 * 1024;
  /** {@link #initialMapSize()} chosen from the file system; see the class comment. */
  public static final long AUTO_MAP_SIZE = 0;

  public KvStoreConfig {
    if (partitions < 1 || partitions > 256) {
      throw new IllegalArgumentException("partitions must be within 1..256, was " + partitions);
    }
    keySpaces = List.copyOf(keySpaces);
    if (keySpaces.isEmpty() || keySpaces.size() > 64) {
      throw new IllegalArgumentException("between 1 and 64 key spaces are needed: " + keySpaces);
    }
    if (keySpaces.stream().distinct().count() != keySpaces.size()) {
      throw new IllegalArgumentException("duplicate key space name in " + keySpaces);
    }
    Objects.requireNonNull(durability, "durability");
    if (asyncFlushMillis < 1
        || (initialMapSize != AUTO_MAP_SIZE && initialMapSize < 1 << 20)
        || checkpointLogBytes < 1 << 16
        || checkpointDataBytes < 1 << 16) {
      throw new IllegalArgumentException(
          "asyncFlushMillis >= 1, initialMapSize 0 (auto) or >= 1 MiB, checkpointLogBytes and"
              + " checkpointDataBytes >= 64 KiB");
    }
  }

  /** With the default {@link #checkpointDataBytes()}. */
  public KvStoreConfig(
      int partitions,
      List<String> keySpaces,
      Durability durability,
      long asyncFlushMillis,
      long initialMapSize,
      long checkpointLogBytes) {
    this(
        partitions,
        keySpaces,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        DEFAULT_CHECKPOINT_DATA_BYTES);
  }

  /** Eight partitions, SYNC commits, 10 ms async flush, automatic map size, 64 MiB log. */
  public static KvStoreConfig of(String... keySpaces) {
    return new KvStoreConfig(
        DEFAULT_PARTITIONS, List.of(keySpaces), Durability.SYNC, 10, AUTO_MAP_SIZE, 64L << 20);
  }

  public KvStoreConfig withPartitions(int n) {
    return new KvStoreConfig(
        n, keySpaces, durability, asyncFlushMillis, initialMapSize, checkpointLogBytes,
        checkpointDataBytes);
  }

  public KvStoreConfig withDurability(Durability d) {
    return new KvStoreConfig(
        partitions, keySpaces, d, asyncFlushMillis, initialMapSize, checkpointLogBytes,
        checkpointDataBytes);
  }

  public KvStoreConfig withAsyncFlushMillis(long ms) {
    return new KvStoreConfig(
        partitions, keySpaces, durability, ms, initialMapSize, checkpointLogBytes,
        checkpointDataBytes);
  }

  public KvStoreConfig withInitialMapSize(long bytes) {
    return new KvStoreConfig(
        partitions, keySpaces, durability, asyncFlushMillis, bytes, checkpointLogBytes,
        checkpointDataBytes);
  }

  public KvStoreConfig withCheckpointLogBytes(long bytes) {
    return new KvStoreConfig(
        partitions, keySpaces, durability, asyncFlushMillis, initialMapSize, bytes,
        checkpointDataBytes);
  }

  public KvStoreConfig withCheckpointDataBytes(long bytes) {
    return new KvStoreConfig(
        partitions, keySpaces, durability, asyncFlushMillis, initialMapSize, checkpointLogBytes,
        bytes);
  }
}
