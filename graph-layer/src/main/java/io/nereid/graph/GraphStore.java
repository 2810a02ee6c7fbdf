package io.nereid.graph;

import io.nereid.graph.dict.BlockAllocator;
import io.nereid.graph.dict.CachingDictionary;
import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.dict.ElementIds;
import io.nereid.graph.dict.ExternalIdHints;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.dict.KvDictionary;
import io.nereid.graph.dict.TermIds;
import io.nereid.graph.load.PendingRuns;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.Durability;
import io.nereid.kv.KvStore;
import io.nereid.kv.WriteTxn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A property graph stored as quads in a partitioned {@link KvStore}. Thread-safe; open one per
 * directory. Reads go through {@link #snapshot()}, writes through {@link #begin()}.
 *
 * <p>On disk: {@code graph.properties} (format version and partition count, so that tools can open
 * the store knowing only its directory) and the kv store in {@code kv/}.
 */
public final class GraphStore implements AutoCloseable {

  public static final int FORMAT_VERSION = 1;
  static final String PROPERTIES_FILE = "graph.properties";

  private final KvStore kv;
  private final boolean ownsKv;
  private final Path directory; // null when wrapped
  private final GraphStoreConfig config;
  private final Partitioner partitioner;
  private final GraphSpaces spaces;
  private final KvDictionary storedDictionary;
  private final Dictionary dictionary;
  private final ValueCodec values;
  private final ElementIds elementIds;
  private final ExternalIds externalIds;
  /**
   * Hints for resolving vertex ids, shared by every transaction (see ExternalIdHints): 2^18 slots,
   * at most ~25 MB with typical ids, so most of a graph's hot vertices resolve without an xid read.
   */
  private final ExternalIdHints vertexIdHints = new ExternalIdHints(1 << 18);
  private final Statistics statistics;
  private final ExecutorService scanExecutor;
  // Graph transactions commit under the read side; a loader writing into a store that clients use
  // holds the write side from a batch's first read to its commit (see exclusiveCommits()). Fair:
  // the commits that waited for a batch go before the loader's next batch.
  private final ReentrantReadWriteLock commitGate = new ReentrantReadWriteLock(true);

  private GraphStore(KvStore kv, boolean ownsKv, GraphStoreConfig config, Path directory) {
    if (kv.partitionCount() != config.partitions()) {
      throw new GraphException(
          "kv store has "
              + kv.partitionCount()
              + " partitions, config says "
              + config.partitions());
    }
    this.kv = kv;
    this.ownsKv = ownsKv;
    this.directory = directory;
    this.config = config;
    this.partitioner = new Partitioner(config.partitions());
    this.spaces = GraphSpaces.of(kv);
    Durability d = config.durability();
    TermIds termIds = new TermIds(new BlockAllocator(kv, spaces.meta(), "term", 1, d), 256);
    this.storedDictionary =
        new KvDictionary(kv, spaces.dict(), spaces.term(), partitioner, termIds, d);
    this.dictionary =
        config.dictionaryCacheSize() == 0
            ? storedDictionary
            : new CachingDictionary(storedDictionary, config.dictionaryCacheSize());
    this.values = new ValueCodec(dictionary);
    // Element ids start at the partition count: 0 means "no id" in the graph field of a quad.
    BlockAllocator elements =
        new BlockAllocator(kv, spaces.meta(), "element", config.partitions(), d);
    this.elementIds = new ElementIds(elements, partitioner, config.idsPerBlock());
    this.externalIds = new ExternalIds(spaces.xid(), partitioner);
    this.statistics = new Statistics(spaces.stats(), partitioner);
    this.scanExecutor = config.scanThreads() == 0 ? null : newScanExecutor(config.scanThreads());
  }

  /** Opens the store in {@code dir}, with the partition count it was created with (or defaults). */
  public static GraphStore open(Path dir) {
    Integer stored = storedPartitions(dir);
    GraphStoreConfig config = GraphStoreConfig.defaults();
    return open(dir, stored == null ? config : config.withPartitions(stored));
  }

  /** Opens (creating if absent) the store in {@code dir}. */
  public static GraphStore open(Path dir, GraphStoreConfig config) {
    Integer stored = storedPartitions(dir);
    if (stored == null) {
      writeProperties(dir, config);
    } else if (stored != config.partitions()) {
      throw new GraphException(
          dir + " was created with " + stored + " partitions, not " + config.partitions());
    }
    KvStore kv = KvStore.open(dir.resolve("kv"), config.toKvConfig());
    GraphStore store = null;
    try {
      store = new GraphStore(kv, true, config, dir);
      // an offline load killed with deferred keys pending: finish it, like a log redo, so that
      // the store never serves a graph without them (PendingRuns, docs/LOADER.md)
      PendingRuns.finish(store);
      return store;
    } catch (RuntimeException e) {
      if (store != null && store.scanExecutor != null) {
        store.scanExecutor.shutdownNow();
      }
      kv.close();
      throw e;
    }
  }

  /**
   * A graph store over an already open kv store created with {@link GraphStoreConfig#toKvConfig()}.
   * The kv store stays the caller's to close.
   */
  public static GraphStore wrap(KvStore kv, GraphStoreConfig config) {
    GraphStore store = new GraphStore(kv, false, config, null);
    try {
      // a kv store left with a load's deferred keys pending cannot be finished without the run
      // files of its directory: refuse it rather than serve a graph without them
      PendingRuns.finish(store);
    } catch (RuntimeException e) {
      if (store.scanExecutor != null) {
        store.scanExecutor.shutdownNow();
      }
      throw e;
    }
    return store;
  }

  /** A read view of the latest commit. Close it: it pins kv pages. */
  public GraphSnapshot snapshot() {
    return new GraphSnapshot(this, kv.snapshot());
  }

  /** A write transaction with the configured durability. Not thread-safe. */
  public GraphTxn begin() {
    return new GraphTxn(this, kv.beginWrite(config.durability()));
  }

  public GraphTxn begin(Durability durability) {
    return new GraphTxn(this, kv.beginWrite(durability));
  }

  /**
   * A graph transaction over a kv transaction the caller also writes to: the live-store loader
   * commits its progress keys in the same commit as the rows they describe.
   */
  public GraphTxn begin(WriteTxn txn) {
    return new GraphTxn(this, txn);
  }

  /**
   * While held, no graph transaction commits (they wait). The loader of a store that other clients
   * write ({@code BulkLoader.forLiveStore}) holds it from a batch's first read to the batch's
   * commit, so that what it read stays true until it writes. Reentrant: the holder's own graph
   * transactions commit. Hold it briefly.
   */
  public Lock exclusiveCommits() {
    return commitGate.writeLock();
  }

  /** Taken by every graph transaction's commit. */
  Lock sharedCommits() {
    return commitGate.readLock();
  }

  /** The store's directory, or null for a store over a kv store opened elsewhere ({@link #wrap}). */
  public Path directory() {
    return directory;
  }

  public KvStore kv() {
    return kv;
  }

  public GraphStoreConfig config() {
    return config;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  public GraphSpaces spaces() {
    return spaces;
  }

  /** The dictionary as used by transactions (cached). */
  public Dictionary dictionary() {
    return dictionary;
  }

  /** The stored dictionary, for tools that must read it in one snapshot. */
  public KvDictionary storedDictionary() {
    return storedDictionary;
  }

  public ValueCodec values() {
    return values;
  }

  public ElementIds elementIds() {
    return elementIds;
  }

  public ExternalIds externalIds() {
    return externalIds;
  }

  ExternalIdHints vertexIdHints() {
    return vertexIdHints;
  }

  public Statistics statistics() {
    return statistics;
  }

  /** The executor for parallel partition scans, or null when they run in the caller's thread. */
  ExecutorService scanExecutor() {
    return scanExecutor;
  }

  @Override
  public void close() {
    if (scanExecutor != null) {
      scanExecutor.shutdownNow();
    }
    if (ownsKv) {
      kv.close();
    }
  }

  private static ExecutorService newScanExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "nereid-scan-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** The partition count recorded in {@code dir}, or null for a new store. */
  static Integer storedPartitions(Path dir) {
    Path file = dir.resolve(PROPERTIES_FILE);
    if (!Files.exists(file)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int format = Integer.parseInt(p.getProperty("format", "0"));
    if (format != FORMAT_VERSION) {
      throw new GraphException(
          file + ": format " + format + ", this build reads " + FORMAT_VERSION);
    }
    return Integer.parseInt(p.getProperty("partitions"));
  }

  private static void writeProperties(Path dir, GraphStoreConfig config) {
    Properties p = new Properties();
    p.setProperty("format", Integer.toString(FORMAT_VERSION));
    p.setProperty("partitions", Integer.toString(config.partitions()));
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(dir.resolve(PROPERTIES_FILE))) {
        p.store(out, "Nereid graph store");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
