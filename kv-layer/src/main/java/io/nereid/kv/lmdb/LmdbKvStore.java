package io.nereid.kv.lmdb;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.Durability;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvException;
import io.nereid.kv.KvStats;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.StoreFullException;
import io.nereid.kv.WriteTxn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.StampedLock;
import org.agrona.DirectBuffer;
import org.lmdbjava.Txn;

/**
 * The LMDB implementation of {@link KvStore}: one LMDB environment per partition, a write-ahead log
 * for atomic durable commits across them ({@link CommitPipeline}), and a visibility barrier that
 * keeps snapshots whole: snapshots begin their LMDB read transactions under its read lock, and a
 * batch commits its partitions under its write lock.
 *
 * <p>Layout of the store directory: {@code nereid-kv.properties} (format, partition count), {@code
 * partition-NNN/} (LMDB files), {@code wal/} (log segments).
 */
public final class LmdbKvStore implements KvStore {

  private static final long GROWTH_WAIT_MILLIS = 10_000;
  private static final long CLOSE_WAIT_MILLIS = 10_000;
  private static final double GROW_AT = 0.75;

  private final Path dir;
  private final KvStoreConfig config;
  private final List<KeySpace> spaces;
  private final LmdbPartition[] partitions;
  private final StampedLock visibility = new StampedLock();
  private final Map<BufferedWriteTxn, Boolean> activeTxns = new ConcurrentHashMap<>();
  private final AtomicLong openCursors = new AtomicLong();
  private final AtomicLong openSnapshots = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong conflicts = new AtomicLong();
  private final AtomicLong walSyncs = new AtomicLong();
  private final AtomicLong checkpoints = new AtomicLong();
  private final AtomicLong mapGrowths = new AtomicLong();
  private final ScheduledExecutorService flusher;
  private final DiskSpace diskSpace;
  private final StoreLock lock;
  private CommitPipeline pipeline;
  private WriteAheadLog log;
  private volatile long appliedSeq;
  private volatile boolean closed;
  private volatile KvException failure;

  private LmdbKvStore(Path dir, KvStoreConfig config, StoreLock lock) {
    this.dir = dir;
    this.lock = lock;
    this.config = config;
    List<KeySpace> list = new ArrayList<>();
    for (String name : config.keySpaces()) {
      list.add(new KeySpace(name, list.size()));
    }
    this.spaces = List.copyOf(list);
    this.partitions = new LmdbPartition[config.partitions()];
    this.diskSpace = new DiskSpace(dir);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "nereid-log-flusher");
              t.setDaemon(true);
              return t;
            });
  }

  public static KvStore open(Path dir, KvStoreConfig config) {
    Path absolute = dir.toAbsolutePath().normalize();
    boolean olderFormat = StoreMetadata.openOrCreate(absolute, config.partitions());
    LmdbKvStore store = new LmdbKvStore(absolute, config, StoreLock.acquire(absolute));
    try {
      store.start();
      if (olderFormat) {
        StoreMetadata.upgrade(absolute, config.partitions()); // its partitions have checkpoints now
      }
    } catch (RuntimeException e) {
      store.closeResources();
      throw e;
    }
    return store;
  }

  private void start() {
    for (int p = 0; p < partitions.length; p++) {
      partitions[p] =
          LmdbPartition.open(
              dir.resolve(String.format("partition-%03d", p)),
              p,
              config.keySpaces(),
              config.initialMapSize());
    }
    Recovery.Result recovered = new Recovery(this).run(dir.resolve("wal"));
    log = recovered.log();
    pipeline = new CommitPipeline(this, log, recovered.lastSeq());
    pipeline.checkpoint(); // replayed records are now in the partitions: start with an empty log
    long ms = config.asyncFlushMillis();
    flusher.scheduleWithFixedDelay(this::flushAsyncCommits, ms, ms, TimeUnit.MILLISECONDS);
  }

  // ---- KvStore ----

  @Override
  public Path directory() {
    return dir;
  }

  @Override
  public int partitionCount() {
    return partitions.length;
  }

  @Override
  public List<KeySpace> keySpaces() {
    return spaces;
  }

  @Override
  public KeySpace keySpace(String name) {
    for (KeySpace ks : spaces) {
      if (ks.name().equals(name)) {
        return ks;
      }
    }
    throw new IllegalArgumentException("no key space '" + name + "' in " + dir + "; has " + spaces);
  }

  @Override
  public LmdbSnapshot snapshot() {
    checkOpen();
    long stamp = visibility.readLock();
    try {
      checkOpen(); // again: close() may have begun while this thread waited for the lock
      PooledRead[] reads = new PooledRead[partitions.length];
      for (int p = 0; p < partitions.length; p++) {
        reads[p] = partitions[p].borrowRead();
      }
      openSnapshots.incrementAndGet();
      return new LmdbSnapshot(this, reads, appliedSeq);
    } finally {
      visibility.unlockRead(stamp);
    }
  }

  @Override
  public WriteTxn beginWrite(Durability durability) {
    checkOpen();
    // Under the sequencer so the conflict tracker never prunes what this transaction may need.
    return pipeline.sequenced(
        () -> {
          BufferedWriteTxn txn = new BufferedWriteTxn(this, durability, appliedSeq);
          activeTxns.put(txn, Boolean.TRUE);
          return txn;
        });
  }

  @Override
  public BulkBatch bulkBatch() {
    checkOpen();
    return new LmdbBulkBatch(this);
  }

  @Override
  public long lastCommitSeq() {
    return appliedSeq;
  }

  @Override
  public void checkpoint() {
    checkOpen();
    pipeline.checkpoint();
  }

  @Override
  public KvStoreConfig config() {
    return config;
  }

  @Override
  public KvStats stats() {
    return new KvStats(
        openCursors.get(),
        openSnapshots.get(),
        commits.get(),
        conflicts.get(),
        walSyncs.get(),
        checkpoints.get() + partitionCheckpoints(),
        mapGrowths.get());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (failure == null && pipeline != null) {
        pipeline.checkpoint();
      }
    } finally {
      closed = true;
      awaitOpenSnapshots();
      closeResources();
    }
  }

  /**
   * Closing the environments unmaps the files: a reader still inside an LMDB call would crash the
   * JVM rather than get an exception. So once the store is marked closed (every later read throws
   * before it touches LMDB), wait for the snapshots still open to be closed by their owners, while
   * holding back new ones. A snapshot leaked by its owner costs {@link #CLOSE_WAIT_MILLIS} here.
   */
  private void awaitOpenSnapshots() {
    long stamp = visibility.writeLock();
    try {
      snapshotsClosedWithin(CLOSE_WAIT_MILLIS);
    } finally {
      visibility.unlockWrite(stamp);
    }
  }

  /**
   * Waits, holding the visibility write lock (so no snapshot opens meanwhile), until no snapshot
   * is open or {@code millis} have passed; whether none is open. Remapping or unmapping the files
   * is safe only then.
   */
  private boolean snapshotsClosedWithin(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (openSnapshots.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return true;
  }

  private void closeResources() {
    // No interrupt: an interrupted FileChannel.force would close the log under the flusher.
    flusher.shutdown();
    // Until it has stopped, however long its last fsync takes: closing the environments under it
    // would free what it is using.
    boolean interrupted = false;
    while (true) {
      try {
        if (flusher.awaitTermination(10, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      if (pipeline != null) {
        pipeline.exclusive(this::closePartitionsAndLog);
      } else {
        closePartitionsAndLog();
      }
    } finally {
      lock.close();
    }
  }

  private void closePartitionsAndLog() {
    for (LmdbPartition p : partitions) {
      if (p != null) {
        p.close();
      }
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (log != null) {
      log.close();
    }
  }

  @Override
  public String toString() {
    return "LmdbKvStore[" + dir + ", " + partitions.length + " partitions]";
  }

  // ---- package-private services for the transaction, snapshot and pipeline classes ----

  long commit(List<io.nereid.kv.lmdb.Mutation> mutations, long startSeq, Durability durability) {
    checkOpen();
    return pipeline.commit(mutations, startSeq, durability);
  }

  long commitBulk(BulkEntries entries) {
    checkOpen();
    return pipeline.commitBulk(entries);
  }

  void ended(BufferedWriteTxn txn) {
    activeTxns.remove(txn);
  }

  /** Commits at or before this sequence can no longer conflict with any transaction. */
  long pruneHorizon() {
    long horizon = appliedSeq;
    for (BufferedWriteTxn t : activeTxns.keySet()) {
      horizon = Math.min(horizon, t.startSeq());
    }
    return horizon;
  }

  LmdbPartition partition(int p) {
    return partitions[p];
  }

  int checkPartition(int p) {
    if (p < 0 || p >= partitions.length) {
      throw new IllegalArgumentException(
          "partition " + p + " out of range 0.." + (partitions.length - 1));
    }
    return p;
  }

  int spaceIndex(KeySpace space) {
    int i = space.index();
    // the same instance, nearly always: a record's equals (the name too) is dear per bulk put
    if (i < 0 || i >= spaces.size() || spaces.get(i) != space && !spaces.get(i).equals(space)) {
      throw new IllegalArgumentException("key space " + space + " does not belong to " + this);
    }
    return i;
  }

  DiskSpace diskSpace() {
    return diskSpace;
  }

  AtomicLong cursorCounter() {
    return openCursors;
  }

  StampedLock visibility() {
    return visibility;
  }

  /** Waits (at most a few seconds) until commit {@code seq} is visible to new snapshots. */
  void awaitApplied(long seq) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (appliedSeq < seq && failure == null && !closed && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(20_000);
    }
  }

  void advanceApplied(long seq) {
    if (seq > appliedSeq) {
      appliedSeq = seq;
    }
  }

  void release(LmdbSnapshot snapshot, PooledRead[] reads) {
    try {
      if (!closed) {
        for (int p = 0; p < reads.length; p++) {
          partitions[p].returnRead(reads[p]);
        }
      }
    } finally {
      openSnapshots.decrementAndGet();
    }
  }

  void checkOpen() {
    if (failure != null) {
      throw failure;
    }
    if (closed) {
      throw new KvException("store " + dir + " is closed");
    }
  }

  /** The failure that stopped the store, or null. */
  KvException failure() {
    return failure;
  }

  /** Why the store takes no more commits (a failure, or closed), or null. */
  KvException stoppedReason() {
    if (failure != null) {
      return failure;
    }
    return closed ? new KvException("store " + dir + " is closed") : null;
  }

  /** Stops the store after a failure it cannot report exactly; reopening recovers from the log. */
  KvException fail(Throwable cause) {
    if (cause == failure) {
      return failure;
    }
    KvException base = BatchApplier.asKv(cause);
    KvException stored =
        base instanceof StoreFullException
            ? new StoreFullException(failureMessage(base), base)
            : new KvException(failureMessage(base), base);
    if (failure == null) {
      failure = stored;
    }
    return stored;
  }

  private String failureMessage(KvException base) {
    return base.getMessage()
        + " - logged commits will be applied when "
        + dir
        + " is reopened (a bulk batch of one partition, logged as a header only, will be there"
        + " if its partition committed it); the store accepts no more work until then";
  }

  /** Checkpoints every partition (see {@link PartitionCheckpoint}); nothing may commit meanwhile. */
  void checkpointPartitions() {
    for (LmdbPartition p : partitions) {
      p.checkpoint();
    }
  }

  /**
   * Whether a partition's file has grown since its checkpoint past {@code checkpointDataBytes} or
   * an eighth of its map (the background flusher's test).
   */
  boolean partitionsOutgrewCheckpoint() {
    for (LmdbPartition p : partitions) {
      if (p.bytesSinceCheckpoint() >= checkpointBound(p)) {
        return true;
      }
    }
    return false;
  }

  private long checkpointBound(LmdbPartition p) {
    return Math.min(config.checkpointDataBytes(), p.mapSize() / 8);
  }

  /**
   * Applying thread, when {@code full} partitions are (nearly) full: checkpoints those whose files
   * grew by more than an eighth of their map since their last checkpoint, since the pages pinned
   * until then are what fills them (see {@link PartitionCheckpoint}), and growing has to wait for
   * open snapshots. Returns whether it checkpointed them all (so that none needs to grow now).
   */
  boolean checkpointInsteadOfGrowing(Collection<Integer> full) {
    for (int p : full) {
      if (partitions[p].bytesSinceCheckpointApplying() < partitions[p].mapSize() / 8) {
        return false;
      }
    }
    forceLogIfDirty();
    for (int p : full) {
      partitions[p].checkpoint();
    }
    return true;
  }

  /**
   * A partition checkpoint may hold only what the log holds, forced: commits made ASYNC (or a
   * force still running) may leave appended records unforced. (During recovery there is no log
   * yet: the records replayed were forced when read.)
   */
  private void forceLogIfDirty() {
    if (log != null && log.isDirty()) {
      log.force();
      countWalSync();
    }
  }

  /**
   * {@link #growIfNearlyFull} after a round is published: the round is durable and visible, so
   * a failure here (a checkpoint's fsync, the remap) stops the store rather than the round.
   */
  void growIfNearlyFullAfterPublishing(int[] touched, PartitionCommit[] commits) {
    try {
      growIfNearlyFull(touched, commits);
    } catch (Throwable t) {
      fail(t);
    }
  }

  /** Forces the partitions' files, without locks: a checkpoint right after then has little to do. */
  void flushPartitionsAhead() {
    for (LmdbPartition p : partitions) {
      p.flushAhead();
    }
  }

  /**
   * Doubles the maps of {@code full} partitions. LMDB remaps the file, so new snapshots are held
   * back (visibility write lock) and open ones are waited for.
   */
  void growMaps(Collection<Integer> full) {
    growMaps(full, null);
  }

  private void growMaps(Collection<Integer> full, PartitionCommit[] pending) {
    long stamp = visibility.writeLock();
    try {
      growMapsHoldingBarrier(full, pending);
    } finally {
      visibility.unlockWrite(stamp);
    }
  }

  /** {@link #growMaps}, the visibility write lock held by the caller. */
  void growMapsHoldingBarrier(Collection<Integer> full) {
    growMapsHoldingBarrier(full, null);
  }

  private void growMapsHoldingBarrier(Collection<Integer> full, PartitionCommit[] pending) {
    if (!snapshotsClosedWithin(GROWTH_WAIT_MILLIS)) {
      throw new StoreFullException(
          "partition map full and cannot grow: "
              + openSnapshots.get()
              + " snapshots stayed open for "
              + GROWTH_WAIT_MILLIS
              + " ms",
          null);
    }
    for (int p : full) {
      PartitionCommit c = pending == null ? null : pending[p];
      long need = c == null ? 0 : partitions[p].usedBytes() + 4 * c.bytes();
      grow(partitions[p], need);
    }
  }

  /**
   * Grows the partitions a batch will fill if they might not hold it: LMDB needs about twice the
   * raw size in pages (B-tree fill and copy-on-write), plus slack.
   */
  void ensureRoom(PartitionCommit[] commits, int[] touched) {
    List<Integer> tight = new ArrayList<>();
    for (int i : touched) {
      PartitionCommit c = commits[i];
      LmdbPartition p = partitions[c.partition()];
      if (c.bytes() > (1 << 20) && p.usedBytes() + 3 * c.bytes() > p.mapSize() * GROW_AT) {
        tight.add(c.partition());
      }
    }
    if (!tight.isEmpty()) {
      growMaps(tight, commits);
    }
  }

  /** Grows, without waiting, any touched partition that is more than 3/4 full. */
  void growIfNearlyFull(int[] touched, PartitionCommit[] commits) {
    List<LmdbPartition> nearlyFull = new ArrayList<>();
    for (int p : touched) {
      if (partitions[p].mayBeFullerThan(GROW_AT, commits[p].bytes())
          && !checkpointInsteadOfGrowing(List.of(p))) {
        nearlyFull.add(partitions[p]);
      }
    }
    if (nearlyFull.isEmpty() || openSnapshots.get() > 0) {
      return;
    }
    long stamp = visibility.tryWriteLock();
    if (stamp == 0) {
      return;
    }
    try {
      if (openSnapshots.get() == 0) {
        nearlyFull.forEach(p -> grow(p, 0));
      }
    } finally {
      visibility.unlockWrite(stamp);
    }
  }

  private void grow(LmdbPartition p, long atLeast) {
    forceLogIfDirty(); // growing checkpoints the partition
    long size = Math.max(p.mapSize() * 2, p.usedBytes() * 2);
    while (size < atLeast) {
      size *= 2;
    }
    p.growMap(size);
    mapGrowths.incrementAndGet();
  }

  private void flushAsyncCommits() {
    try {
      if (!closed && failure == null) {
        pipeline.flushIfDirty();
        pipeline.checkpointIfDue();
        pipeline.checkpointPartitionsIfOutgrown();
      }
    } catch (KvException e) {
      fail(e);
    }
  }

  void countConflict() {
    conflicts.incrementAndGet();
  }

  void countCommits(int n) {
    commits.addAndGet(n);
  }

  void countWalSync() {
    walSyncs.incrementAndGet();
  }

  private long partitionCheckpoints() {
    long n = 0;
    for (LmdbPartition p : partitions) {
      n += p == null ? 0 : p.checkpoints();
    }
    return n;
  }

  void countCheckpoint() {
    checkpoints.incrementAndGet();
  }
}
