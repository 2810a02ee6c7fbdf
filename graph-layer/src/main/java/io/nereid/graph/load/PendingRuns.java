package io.nereid.graph.load;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.GraphStore;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvReader;
import io.nereid.kv.Snapshot;
import io.nereid.kv.codec.FixedLong;
import io.nereid.kv.codec.UnsignedVarint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deferred keys of an offline load into an empty store: the key spaces that every batch would
 * fill in random order ({@code POGS}, {@code OSGP}, {@code xid} and the degree counters in {@code
 * stats}) go, already sorted per partition, to one run file per batch in {@code <store>/pending}
 * instead of into LMDB, and are merged into the store in key order at the end of the load
 * ({@link #mergeAll}), when the run files pass a budget, or before the loader needs the store to
 * hold them (a graph transaction on stored elements).
 *
 * <p>Exactness after a crash. A run file is forced before the bulk batch that records it commits;
 * that batch sets {@code pending/next} (partition 0, {@code meta}) to the file's sequence + 1,
 * together with the batch's data and the load's progress keys. Each merge of a partition and key
 * space is one single-partition bulk batch (one LMDB transaction) that also sets that partition's
 * marker {@code pending/merged/<space>/<p|c>} to the sequence merged up to, so it happens exactly
 * once. {@link #finish} completes every unfinished merge; {@link GraphStore#open} calls it, so a
 * store never serves a graph with deferred keys missing (if the run files are gone it refuses to
 * open). Files at or beyond {@code pending/next} belong to a batch that never committed and are
 * deleted.
 */
public final class PendingRuns implements AutoCloseable {

  static final String DIR = "pending";
  private static final byte[] NEXT = ascii("pending/next");

  private final GraphStore store;
  private final Path dir;
  private final long budgetBytes;
  private final List<RunFile> files = new ArrayList<>();
  private final List<FileChannel> channels = new ArrayList<>();
  private long next;
  private long bytes;

  private PendingRuns(GraphStore store, Path dir, long next, long budgetBytes) {
    this.store = store;
    this.dir = dir;
    this.next = next;
    this.budgetBytes = budgetBytes;
  }

  /**
   * Deferral for a load run into {@code store}, after finishing whatever an earlier run left
   * pending; null when the store was opened without a directory (wrapped).
   */
  static PendingRuns open(GraphStore store, long budgetBytes) {
    if (store.directory() == null) {
      return null;
    }
    finish(store);
    Path dir = store.directory().resolve(DIR);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long budget = budgetBytes;
    try {
      budget = Math.min(budget, Files.getFileStore(dir).getUsableSpace() / 4);
    } catch (IOException e) {
      // keep the configured budget
    }
    try (Snapshot s = store.kv().snapshot()) {
      return new PendingRuns(store, dir, committedNext(s, store.spaces()), budget);
    }
  }

  /** The deferred key spaces, by index: puts of POGS, OSGP and xid; counters of stats. */
  static boolean defersPuts(GraphSpaces spaces, KeySpace s) {
    return s.equals(spaces.pogs()) || s.equals(spaces.osgp()) || s.equals(spaces.xid());
  }

  /** Writes a batch's deferred runs to the next run file and forces it (and its directory). */
  RunFile write(List<RunFile.Part> parts) {
    try {
      Path path = dir.resolve(name(next));
      Files.deleteIfExists(path); // left by a batch that never committed
      RunFile f = RunFile.write(next, path, parts);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the file's name is durable too
      }
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Records {@code f} in {@code batch}: once the batch commits, the file's keys are the store's. */
  void recordIn(BulkBatch batch, RunFile f) {
    batch.put(0, store.spaces().meta(), NEXT, FixedLong.encode(f.seq + 1));
  }

  /** {@code f}'s batch committed: its xid sections are searched by {@link #lookup} from now on. */
  void committed(RunFile f) {
    try {
      channels.add(FileChannel.open(f.path, StandardOpenOption.READ));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.add(f);
    next = f.seq + 1;
    bytes += f.bytes;
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  boolean overBudget() {
    return bytes > budgetBytes;
  }

  /**
   * The internal id that a committed but unmerged run gives an external id, or -1: what {@code
   * GraphReader.vertexId}/{@code edgeId} would answer once the runs are merged.
   */
  long lookup(ExternalIds.Kind kind, String externalId) {
    if (files.isEmpty()) {
      return -1;
    }
    byte[] key = ExternalIds.key(kind, externalId);
    int partition = store.externalIds().partition(externalId);
    int space = store.spaces().xid().index();
    try {
      for (int i = files.size() - 1; i >= 0; i--) {
        RunFile f = files.get(i);
        RunFile.Section s = f.section(partition, space, false);
        if (s != null && s.count() > 0) {
          byte[] v = f.find(channels.get(i), s, key);
          if (v != null) {
            return UnsignedVarint.read(v, 0);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return -1;
  }

  /** Merges every committed run into the store and deletes the files. */
  void mergeAll() {
    closeChannels();
    files.clear();
    bytes = 0;
    finish(store);
  }

  @Override
  public void close() {
    closeChannels();
  }

  private void closeChannels() {
    for (FileChannel c : channels) {
      try {
        c.close();
      } catch (IOException ignored) {
        // read-only
      }
    }
    channels.clear();
  }

  /**
   * Completes the merge of every committed run into {@code store} (partitions and key spaces in
   * parallel, each exactly once), then deletes the run files. Idempotent; cheap when nothing is
   * pending (a few gets). Throws when runs are recorded as pending but their files are missing.
   */
  public static void finish(GraphStore store) {
    GraphSpaces spaces = store.spaces();
    int partitions = store.partitioner().count();
    List<Unmerged> todo = new ArrayList<>();
    long next;
    try (Snapshot s = store.kv().snapshot()) {
      next = committedNext(s, spaces);
      // key space by key space, partition by partition: the merge threads take steps in this
      // order, so steps that run at once fill different partitions (each partition has one
      // LMDB writer: two steps on one partition would take turns)
      for (KeySpace space : next > 0 ? deferredSpaces(spaces) : List.<KeySpace>of()) {
        for (int p = 0; p < partitions; p++) {
          boolean counter = space.equals(spaces.stats());
          byte[] v = s.get(p, spaces.meta(), marker(space, counter));
          long merged = v == null ? 0 : FixedLong.read(v, 0);
          if (merged < next) {
            todo.add(new Unmerged(p, space, counter, merged));
          }
        }
      }
    }
    Path dir = store.directory() == null ? null : store.directory().resolve(DIR);
    if (!todo.isEmpty()) {
      if (dir == null) {
        throw new IllegalStateException("the store holds a load's deferred keys still to merge;"
            + " open it with GraphStore.open(dir), which finishes them from its run files");
      }
      merge(store, dir, todo, next);
    }
    if (dir != null && Files.isDirectory(dir)) {
      try (var list = Files.list(dir)) {
        for (Path f : list.toList()) {
          if (f.getFileName().toString().startsWith("run-")) {
            Files.delete(f); // merged everywhere, or never committed
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A partition's key space (or its counters) merged only up to run sequence {@code from}. */
  private record Unmerged(int partition, KeySpace space, boolean counter, long from) {}

  private static void merge(GraphStore store, Path dir, List<Unmerged> todo, long next) {
    long from = Long.MAX_VALUE;
    for (Unmerged t : todo) {
      from = Math.min(from, t.from());
    }
    List<RunFile> files = new ArrayList<>();
    try {
      for (long seq = from; seq < next; seq++) {
        Path path = dir.resolve(name(seq));
        if (!Files.exists(path)) {
          throw new IllegalStateException("the store records deferred keys in " + path
              + ", which is missing: it cannot be opened consistently");
        }
        files.add(RunFile.open(seq, path));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] value = FixedLong.encode(next);
    // one thread more than the processors (a step ends in a commit that forces its partition,
    // and meanwhile the others keep the processors busy), but no more than the partitions: steps
    // on one partition take turns at its LMDB writer, and each maps a section of every run file
    // and holds its whole bulk batch until it commits
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() + 1,
        store.partitioner().count()));
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nereid-load-merge");
      t.setDaemon(true);
      return t;
    });
    // once a step fails, the steps not started yet are left to the next finish (the next open
    // of the store) rather than merged while the failure is reported
    AtomicBoolean failed = new AtomicBoolean();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Unmerged t : todo) {
        int p = t.partition();
        KeySpace space = t.space();
        boolean counter = t.counter();
        long merged = t.from();
        List<RunFile> mine = files.subList((int) (merged - from), files.size());
        done.add(pool.submit(() -> {
          if (failed.get()) {
            return null;
          }
          try {
            RunMerge.merge(store.kv(), p, space, counter, mine, store.spaces().meta(),
                marker(space, counter), value);
            Runnable hook = afterMergeStep;
            if (hook != null) {
              hook.run();
            }
          } catch (IOException | RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while merging deferred keys", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException("merging deferred keys failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Test hook: runs after each partition and key space is merged (the merge-kill test). */
  static volatile Runnable afterMergeStep;

  private static List<KeySpace> deferredSpaces(GraphSpaces spaces) {
    return List.of(spaces.pogs(), spaces.osgp(), spaces.xid(), spaces.stats());
  }

  static long committedNext(KvReader r, GraphSpaces spaces) {
    byte[] v = r.get(0, spaces.meta(), NEXT);
    return v == null ? 0 : FixedLong.read(v, 0);
  }

  private static byte[] marker(KeySpace space, boolean counter) {
    return ascii("pending/merged/" + space.name() + (counter ? "/c" : "/p"));
  }

  private static String name(long seq) {
    return String.format("run-%016d", seq);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
