package io.nereid.graph;

import io.nereid.kv.Durability;
import io.nereid.kv.KvStoreConfig;

/**
 * How a graph store is opened. The partition count is fixed when the store is created; the rest may
 * change between opens. Durability, flush interval, map size and log size pass through to the
 * kv-layer.
 *
 * @param partitions kv partitions (LMDB environments), 1..256, fixed at creation
 * @param durability default durability of commits
 * @param asyncFlushMillis see {@link KvStoreConfig#asyncFlushMillis()}
 * @param initialMapSize see {@link KvStoreConfig#initialMapSize()}
 * @param checkpointLogBytes see {@link KvStoreConfig#checkpointLogBytes()}
 * @param dictionaryCacheSize entries per direction in the dictionary cache
 * @param idsPerBlock element ids reserved per partition in one allocation transaction
 * @param scanThreads threads that read partitions in parallel for global scans (0: read them in the
 *     caller's thread)
 */
public record GraphStoreConfig(
    int partitions,
    Durability durability,
    long asyncFlushMillis,
    long initialMapSize,
    long checkpointLogBytes,
    int dictionaryCacheSize,
    int idsPerBlock,
    int scanThreads) {

  public static final int DEFAULT_PARTITIONS = 8;

  public GraphStoreConfig {
    if (dictionaryCacheSize < 0 || idsPerBlock < 1 || scanThreads < 0) {
      throw new IllegalArgumentException("cache size >= 0, ids per block >= 1, scan threads >= 0");
    }
    // Validates the pass-through settings (fields are not assigned yet: pass the parameters).
    new KvStoreConfig(
        partitions,
        GraphSpaces.NAMES,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes);
  }

  /**
   * Eight partitions, SYNC commits, automatic (file-system sized) maps, a 100k-entry dictionary
   * cache, 1024 ids per partition per allocation.
   *
   * <p>Why maps sized to the file system: the kv-layer can grow a map only when no snapshot is
   * open, and a graph transaction holds its read snapshot while it commits small side transactions
   * (id blocks, new dictionary terms). If such a commit needs the map to grow, it waits for a
   * snapshot its own thread holds, and fails after 10 s. LMDB files are sparse, so a large map costs
   * address space, not disk; a map as large as the disk never needs to grow. Large id blocks make
   * side commits rare too.
   */
  public static GraphStoreConfig defaults() {
    return new GraphStoreConfig(
        DEFAULT_PARTITIONS,
        Durability.SYNC,
        10,
        KvStoreConfig.AUTO_MAP_SIZE,
        64L << 20,
        100_000,
        1024,
        Math.min(DEFAULT_PARTITIONS, Runtime.getRuntime().availableProcessors()));
  }

  public KvStoreConfig toKvConfig() {
    return new KvStoreConfig(
        partitions,
        GraphSpaces.NAMES,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes);
  }

  public GraphStoreConfig withPartitions(int n) {
    return new GraphStoreConfig(
        n,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        dictionaryCacheSize,
        idsPerBlock,
        scanThreads);
  }

  public GraphStoreConfig withDurability(Durability d) {
    return new GraphStoreConfig(
        partitions,
        d,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        dictionaryCacheSize,
        idsPerBlock,
        scanThreads);
  }

  public GraphStoreConfig withAsyncFlushMillis(long ms) {
    return new GraphStoreConfig(
        partitions,
        durability,
        ms,
        initialMapSize,
        checkpointLogBytes,
        dictionaryCacheSize,
        idsPerBlock,
        scanThreads);
  }

  public GraphStoreConfig withInitialMapSize(long bytes) {
    return new GraphStoreConfig(
        partitions,
        durability,
        asyncFlushMillis,
        bytes,
        checkpointLogBytes,
        dictionaryCacheSize,
        idsPerBlock,
        scanThreads);
  }

  public GraphStoreConfig withDictionaryCacheSize(int entries) {
    return new GraphStoreConfig(
        partitions,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        entries,
        idsPerBlock,
        scanThreads);
  }

  public GraphStoreConfig withIdsPerBlock(int n) {
    return new GraphStoreConfig(
        partitions,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        dictionaryCacheSize,
        n,
        scanThreads);
  }

  public GraphStoreConfig withScanThreads(int n) {
    return new GraphStoreConfig(
        partitions,
        durability,
        asyncFlushMillis,
        initialMapSize,
        checkpointLogBytes,
        dictionaryCacheSize,
        idsPerBlock,
        n);
  }
}
