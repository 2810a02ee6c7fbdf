package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.KvStoreConfig;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.DirectBufferProxy;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.EnvInfo;
import org.lmdbjava.Txn;

/**
 * One partition: an LMDB environment holding one database per key space, plus a meta database with
 * the sequence number of the last commit applied here (written in the same LMDB transaction as the
 * data, so recovery knows exactly what to replay).
 *
 * <p>LMDB write transactions belong to the thread that began them. A batch that is large or
 * touches more than a few partitions fills and commits each on the partition's own writer thread,
 * so that partitions apply in parallel and filling overlaps the log write; a small batch of a few
 * partitions is applied inline by the committing thread, which spares two thread hand-offs each. Either way only
 * one batch at a time writes (the commit pipeline's leader), so no two threads write here at
 * once.
 *
 * <p>A bulk batch may also fill a write transaction here ahead of its commit ({@link BulkPrefill}).
 * Every write transaction therefore begins behind the partition's <i>write gate</i> ({@link
 * #acquireWrite}): a commit that finds a prefill there adopts it if it is its own batch's, and
 * otherwise cancels it, so that LMDB's one writer lock is never waited for by a thread that would
 * have to wait for the prefill's loader.
 */
final class LmdbPartition implements AutoCloseable {

  private static final byte[] APPLIED_KEY = {'a', 'p', 'p', 'l', 'i', 'e', 'd'};
  private static final int MAX_READERS = 1024;

  final int index;
  final Env<DirectBuffer> env;
  private final Dbi<DirectBuffer>[] dbis;
  private final Dbi<DirectBuffer> meta;
  private final ConcurrentLinkedDeque<PooledRead> readPool = new ConcurrentLinkedDeque<>();
  final ExecutorService writer;
  private volatile Thread writerThread;
  /** Held while a write transaction is open here; by the writer thread across tasks for a prefill. */
  private final ReentrantLock writeGate = new ReentrantLock();
  /** The prefill holding the gate, or null: set and cleared on the writer thread only. */
  private volatile BulkPrefill prefill;
  /** Prefills adopted and cancelled (written on the writer thread only): for tests. */
  private volatile long adoptedPrefills;
  private volatile long cancelledPrefills;
  private volatile boolean closing;
  private final int pageSize;
  private final Filler filler;
  private final UnsafeBuffer appliedValue = new UnsafeBuffer(ByteBuffer.allocateDirect(Long.BYTES));
  private final UnsafeBuffer appliedKey = new UnsafeBuffer(ByteBuffer.allocateDirect(APPLIED_KEY.length));
  private volatile long mapSize;
  private final PartitionCheckpoint checkpoint;
  private final AtomicLong checkpoints = new AtomicLong();
  private long usedAtLastLook = -1;
  private long writtenSinceLook;

  @SuppressWarnings("unchecked")
  private LmdbPartition(
      Path dir, int index, Env<DirectBuffer> env, List<String> spaces, long mapSize) {
    this.index = index;
    this.env = env;
    this.mapSize = mapSize;
    this.pageSize = env.stat().pageSize;
    // Checkpointed and pinned before anything commits here (opening the databases, recovery):
    // a new store, or one made before checkpoints existed, has no state to fall back to yet.
    this.checkpoint = new PartitionCheckpoint(dir, pageSize);
    if (!checkpoint.hasSavedState()) {
      checkpoint.save(env);
    }
    checkpoint.pin(env);
    // MDB_UNSIGNEDKEY: lmdbjava's Java-side comparator must agree with LMDB's memcmp order.
    this.dbis = new Dbi[spaces.size()];
    for (int i = 0; i < dbis.length; i++) {
      dbis[i] = env.openDbi(spaces.get(i), DbiFlags.MDB_CREATE, DbiFlags.MDB_UNSIGNEDKEY);
    }
    this.meta = env.openDbi("__nereid_meta", DbiFlags.MDB_CREATE, DbiFlags.MDB_UNSIGNEDKEY);
    this.filler = new Filler(this, dbis.length);
    this.appliedKey.putBytes(0, APPLIED_KEY);
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "nereid-partition-" + index + "-writer");
              t.setDaemon(true);
              writerThread = t;
              return t;
            });
  }

  static LmdbPartition open(Path dir, int index, List<String> spaces, long initialMapSize) {
    try {
      Files.createDirectories(dir);
      long requested = initialMapSize == KvStoreConfig.AUTO_MAP_SIZE ? autoMapSize(dir) : initialMapSize;
      PartitionCheckpoint.restore(dir); // before LMDB reads the meta pages
      long mapSize = Math.max(requested, existingFileSize(dir) * 2);
      Env<DirectBuffer> env =
          Env.create(DirectBufferProxy.PROXY_DB)
              .setMapSize(mapSize)
              .setMaxDbs(spaces.size() + 1)
              .setMaxReaders(MAX_READERS)
              // NOTLS: read transactions are pooled and move between threads.
              // NOSYNC: the log makes commits durable; a crash falls back to the last checkpoint,
              // whose pages are kept intact (PartitionCheckpoint), and the log redoes the rest.
              .open(dir.toFile(), EnvFlags.MDB_NOTLS, EnvFlags.MDB_NOSYNC);
      env.readerCheck();
      return new LmdbPartition(dir, index, env, spaces, mapSize);
    } catch (java.io.IOException e) {
      throw new KvException("cannot open partition " + index + " in " + dir, e);
    }
  }

  /**
   * The whole file system, capped at 256 GiB: mapping is only address space (the file grows with
   * the data), and a map that is never full never has to wait for readers to grow.
   */
  private static long autoMapSize(Path dir) throws java.io.IOException {
    long fs = Files.getFileStore(dir).getTotalSpace();
    long size = Math.min(256L << 30, Math.max(64L << 20, fs));
    return (size + (1 << 20) - 1) & ~((1L << 20) - 1);
  }

  private static long existingFileSize(Path dir) throws java.io.IOException {
    Path data = dir.resolve("data.mdb");
    return Files.exists(data) ? Files.size(data) : 0;
  }

  Dbi<DirectBuffer> dbi(int space) {
    return dbis[space];
  }

  Dbi<DirectBuffer> meta() {
    return meta;
  }

  /** A read transaction from the pool, renewed to the latest commit of this environment. */
  PooledRead borrowRead() {
    PooledRead read = readPool.pollFirst();
    if (read == null) {
      return new PooledRead(env.txnRead(), dbis.length);
    }
    read.renew();
    return read;
  }

  void returnRead(PooledRead read) {
    read.reset();
    readPool.offerFirst(read);
  }

  /** Closes pooled read transactions: needed before the map is resized or the env closed. */
  void drainReadPool() {
    PooledRead read;
    while ((read = readPool.pollFirst()) != null) {
      read.close();
    }
  }

  long appliedSeq() {
    try (Txn<DirectBuffer> txn = env.txnRead()) {
      DirectBuffer v = meta.get(txn, DirectBuffers.wrap(APPLIED_KEY));
      return v == null ? 0 : v.getLong(0, java.nio.ByteOrder.BIG_ENDIAN);
    }
  }

  /**
   * Records, inside the caller's write transaction, that {@code seq} is applied here. Only the
   * thread applying a batch writes (one batch at a time), so the buffers are reused.
   */
  void putAppliedSeq(Txn<DirectBuffer> txn, long seq) {
    appliedValue.putLong(0, seq, java.nio.ByteOrder.BIG_ENDIAN);
    meta.put(txn, appliedKey, appliedValue);
  }

  // ---- the write gate ----

  /**
   * Takes the write gate before a commit's write transaction on this thread. A prefill holding it
   * is adopted if it is {@code own} (only on the writer thread, whose transaction it is: its
   * transaction is returned and the gate stays held) and cancelled otherwise: directly on the
   * writer thread, else through a task on the writer thread, which this thread waits for. Returns
   * null when the caller is to begin its own transaction. Release with {@link #releaseWrite}.
   */
  Txn<DirectBuffer> acquireWrite(BulkPrefill own) {
    if (Thread.currentThread() == writerThread) {
      BulkPrefill p = prefill;
      if (p != null) {
        if (p == own) {
          return p.adopt();
        }
        p.cancelOnWriter();
      }
      writeGate.lock();
      return null;
    }
    if (!writeGate.tryLock()) {
      try {
        writer.execute(this::cancelPrefill);
      } catch (RejectedExecutionException e) {
        // closing: the writer's last task cancels the prefill
      }
      writeGate.lock();
    }
    return null;
  }

  void releaseWrite() {
    writeGate.unlock();
  }

  /** Writer thread: the gate and a write transaction for {@code p}, or null if the gate is busy. */
  Txn<DirectBuffer> beginPrefill(BulkPrefill p) {
    if (closing || prefill != null || !writeGate.tryLock()) {
      return null; // another batch's prefill, or a commit being applied inline
    }
    try {
      Txn<DirectBuffer> txn = env.txnWrite();
      prefill = p;
      return txn;
    } catch (RuntimeException e) {
      writeGate.unlock();
      throw e;
    }
  }

  /** Writer thread: {@code p} has closed its transaction; the gate is free. */
  void endPrefill(BulkPrefill p) {
    if (prefill == p) {
      prefill = null;
      cancelledPrefills++;
      writeGate.unlock();
    }
  }

  /** Writer thread: {@code p}'s transaction (and the gate) now belong to the adopting commit. */
  void handOverPrefill(BulkPrefill p) {
    if (prefill == p) {
      prefill = null;
      adoptedPrefills++;
    }
  }

  /** Whether a bulk batch is being filled ahead here (for tests). */
  boolean prefilling() {
    return prefill != null;
  }

  long adoptedPrefills() {
    return adoptedPrefills;
  }

  long cancelledPrefills() {
    return cancelledPrefills;
  }

  /** Writer thread: cancels the prefill holding the gate, if any. */
  private void cancelPrefill() {
    BulkPrefill p = prefill;
    if (p != null) {
      p.cancelOnWriter();
    }
  }

  /** After the writer refused a task (closing): waits until it has run its last one. */
  void awaitWriterStopped() {
    try {
      writer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The filler of this partition's write transactions (used by one batch at a time). */
  Filler filler() {
    return filler;
  }

  long mapSize() {
    return mapSize;
  }

  /** Bytes in use: the pages up to the last one written. */
  long usedBytes() {
    EnvInfo info = env.info();
    long used = (info.lastPageNumber + 1) * pageSize;
    usedAtLastLook = used;
    writtenSinceLook = 0;
    return used;
  }

  /**
   * After a commit of {@code written} encoded bytes: whether more than {@code fraction} of the map
   * may be in use. Asks LMDB ({@link #usedBytes}) only when a bound on the use gets there: the use
   * at the last look plus, per commit since, four times its bytes and 64 KiB (copied B-tree paths,
   * free list); commits mostly reuse freed pages, so the bound runs ahead of the file. Called by
   * the thread applying a batch only.
   */
  boolean mayBeFullerThan(double fraction, long written) {
    writtenSinceLook += 4 * written + (64 << 10);
    if (usedAtLastLook >= 0 && usedAtLastLook + writtenSinceLook <= mapSize * fraction) {
      return false;
    }
    return usedBytes() > mapSize * fraction;
  }

  /**
   * Grows the map. The caller guarantees that no transaction of this environment is open in this
   * process (LMDB remaps the file, which would leave open readers pointing at unmapped memory).
   */
  void growMap(long newSize) {
    acquireWrite(null); // LMDB refuses to resize while a write transaction (a prefill) is open
    try {
      drainReadPool();
      // The pin is a read transaction too: checkpoint here, so that the state pinned again after
      // the resize is the checkpointed one.
      checkpoint.save(env);
      checkpoints.incrementAndGet();
      checkpoint.unpin();
      try {
        env.setMapSize(newSize);
        mapSize = newSize;
      } finally {
        checkpoint.pin(env); // nothing committed since the save: the checkpointed state
      }
    } finally {
      releaseWrite();
    }
  }

  /**
   * Makes the current state the one a crash falls back to (forced, its meta pages saved, pinned).
   * Nothing may commit here meanwhile, and every commit in this state must be forced to the log
   * or be a one-partition bulk batch (which this makes durable).
   */
  void checkpoint() {
    checkpoint.save(env);
    checkpoint.pin(env);
    checkpoints.incrementAndGet();
  }

  /** Checkpoints of this partition so far (a growth makes one too). */
  long checkpoints() {
    return checkpoints.get();
  }

  /** Forces the data file without a checkpoint: most of a checkpoint's writing, done ahead of it. */
  void flushAhead() {
    env.sync(true);
  }

  /** {@link #bytesSinceCheckpoint}, on the thread applying a batch (no map growth meanwhile). */
  long bytesSinceCheckpointApplying() {
    return checkpoint.pagesSincePin(env) * pageSize;
  }

  /**
   * Bytes the data file has grown by since the last checkpoint, or 0 when a write transaction is
   * open here. LMDB reads its meta pages through the map for this, and a map growth (which needs
   * the write gate) unmaps it: another thread than the writer's may look only holding the gate.
   */
  long bytesSinceCheckpoint() {
    if (!writeGate.tryLock()) {
      return 0; // looked at again later
    }
    try {
      return closing ? 0 : checkpoint.pagesSincePin(env) * pageSize;
    } finally {
      writeGate.unlock();
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      writer.execute(this::cancelPrefill); // the last task: no transaction stays open
    } catch (RejectedExecutionException e) {
      // already shut down
    }
    writer.shutdown();
    awaitWriterStopped();
    drainReadPool();
    checkpoint.close();
    env.close();
  }
}
