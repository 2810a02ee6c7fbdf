package io.nereid.graph.load;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.agrona.concurrent.UnsafeBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.DirectBufferProxy;
import org.lmdbjava.Env;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * Manual benchmark (not a test): {@code LoadBench <new store dir> <raw lmdb dir> <files...>}.
 * Loads the files with the offline loader (as {@code bin/nereid load} does), counts what it wrote,
 * then, in the same JVM, appends the same number of keys (16-byte keys, 8-byte values, sorted)
 * with raw lmdbjava MDB_APPEND in one transaction, and prints both rates. See docs/BENCHMARKS.md.
 * {@code -Dbench.batchStatements=N} sets the load option batchStatements. {@code LoadBench --raw
 * <raw lmdb dir> <keys>} runs only the raw append, in a JVM of its own (the raw append writes
 * gigabytes, and after a load in the same JVM its time depends on what the load left behind);
 * {@code -Dbench.skipRaw=true} leaves it out of a load run.
 */
public final class LoadBench {

  private LoadBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--generate")) {
      generate(Integer.parseInt(args[1]), Path.of(args[2]));
      return;
    }
    if (args[0].equals("--raw")) {
      long n = Long.parseLong(args[2]);
      double secs = rawAppend(Path.of(args[1]), n);
      System.out.printf("raw lmdbjava MDB_APPEND of %,d keys: %.1f s, %,.0f keys/s%n", n, secs,
          n / secs);
      return;
    }
    Path dir = Path.of(args[0]);
    Path raw = Path.of(args[1]);
    List<Path> sources = java.util.Arrays.stream(args).skip(2).map(Path::of).toList();
    ThreadTimes threadTimes = ThreadTimes.start();
    long t0 = System.nanoTime();
    LoadJob.View v;
    try (GraphStore store = GraphStore.open(dir, LoadCommand.config(dir, null))) {
      BulkLoader loader = new BulkLoader(store, BulkLoader.defaultJobDir(dir));
      LoadOptions options = LoadOptions.defaults().withMode(LoadOptions.Mode.NEW);
      String batch = System.getProperty("bench.batchStatements");
      if (batch != null) {
        options = options.withBatchStatements(Integer.parseInt(batch));
      }
      v = loader.run(loader.prepare(sources, options), null);
    }
    double loadSecs = (System.nanoTime() - t0) / 1e9;
    String cpu = threadTimes.stop();
    long vertices;
    long edges;
    long keys = 0;
    try (GraphStore store = GraphStore.open(dir, LoadCommand.config(dir, null))) {
      try (GraphSnapshot s = store.snapshot()) {
        vertices = s.vertexCount();
        edges = s.edgeCount();
      }
      try (Snapshot s = store.kv().snapshot()) {
        for (KeySpace ks : store.kv().keySpaces()) {
          for (int p = 0; p < store.kv().partitionCount(); p++) {
            try (KvIterator it = s.scan(p, ks, KeyRange.all())) {
              while (it.hasNext()) {
                it.next();
                keys++;
              }
            }
          }
        }
      }
    }
    double rawSecs = Boolean.getBoolean("bench.skipRaw") ? Double.NaN : rawAppend(raw, keys);
    System.out.printf("load: %s, %d vertices + %d edges in %.1f s (loader's own time %.1f s):"
            + " %,.0f elements/s, %,.0f edges/s; %,d kv keys: %,.0f keys/s%n",
        v.status(), vertices, edges, loadSecs, v.timeSpentMillis() / 1e3,
        (vertices + edges) / loadSecs, edges / loadSecs, keys, keys / loadSecs);
    System.out.println("CPU seconds by thread during the load: " + cpu);
    System.out.printf("raw lmdbjava MDB_APPEND of %,d keys: %.1f s, %,.0f keys/s; loader / raw"
        + " time = %.2f%n", keys, rawSecs, keys / rawSecs, loadSecs / rawSecs);
  }

  /**
   * {@code --generate <persons> <dir>}: the social graph of docs/BENCHMARKS.md. Persons {@code p0..}
   * with {@code name:String} and {@code age:Int}; 11 {@code knows} edges per person to uniformly
   * random persons (seed 1), each with {@code since:Int}.
   */
  static void generate(int persons, Path dir) throws java.io.IOException {
    Files.createDirectories(dir);
    try (var w = Files.newBufferedWriter(dir.resolve("social-persons.csv"))) {
      w.write("~id,~label,name:String,age:Int\n");
      for (int i = 0; i < persons; i++) {
        w.write("p" + i + ",person,Person " + i + "," + (18 + i % 60) + "\n");
      }
    }
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
    try (var w = Files.newBufferedWriter(dir.resolve("social-knows.csv"))) {
      w.write("~id,~from,~to,~label,since:Int\n");
      long e = 0;
      for (int i = 0; i < persons; i++) {
        for (int k = 0; k < 11; k++, e++) {
          w.write("k" + e + ",p" + i + ",p" + rnd.nextInt(persons) + ",knows," + (2000 + e % 25)
              + "\n");
        }
      }
    }
  }

  static double rawAppend(Path dir, long n) throws Exception {
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    try (Env<org.agrona.DirectBuffer> env = Env.create(DirectBufferProxy.PROXY_DB)
        .setMapSize(n * 80 + (1L << 30)).setMaxDbs(1).open(dir.toFile())) {
      Dbi<org.agrona.DirectBuffer> db = env.openDbi("raw", DbiFlags.MDB_CREATE);
      UnsafeBuffer key = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
      UnsafeBuffer value = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
      try (Txn<org.agrona.DirectBuffer> txn = env.txnWrite();
          Cursor<org.agrona.DirectBuffer> c = db.openCursor(txn)) {
        for (long i = 0; i < n; i++) {
          key.putLong(0, i, java.nio.ByteOrder.BIG_ENDIAN);
          key.putLong(8, i * 0x9E3779B97F4A7C15L, java.nio.ByteOrder.BIG_ENDIAN);
          value.putLong(0, i);
          c.put(key, value, PutFlags.MDB_APPEND);
        }
        c.close();
        txn.commit();
      }
      env.sync(true);
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * CPU time of the JVM's threads during the load (sampled every 100 ms, so a thread's last
   * 100 ms may be missed), summed by thread name with digits dropped: where the load spends.
   */
  private static final class ThreadTimes {
    private final long processCpu0 = processCpu();
    private final long gcMillis0 = gcMillis();
    private final java.util.Map<Long, String> names = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Long, Long> cpu = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread sampler;

    static ThreadTimes start() {
      ThreadTimes t = new ThreadTimes();
      t.sampler = new Thread(() -> {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        while (t.running) {
          for (java.lang.management.ThreadInfo i : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (i != null) {
              long c = mx.getThreadCpuTime(i.getThreadId());
              if (c > 0) {
                t.names.put(i.getThreadId(), i.getThreadName());
                t.cpu.put(i.getThreadId(), c);
              }
            }
          }
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "bench-cpu-sampler");
      t.sampler.setDaemon(true);
      t.sampler.start();
      return t;
    }

    String stop() throws InterruptedException {
      running = false;
      sampler.join();
      java.util.Map<String, Long> byName = new java.util.TreeMap<>();
      cpu.forEach((id, c) -> byName.merge(names.get(id).replaceAll("[0-9]+", "N"), c, Long::sum));
      StringBuilder sb = new StringBuilder();
      byName.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .filter(e -> e.getValue() > 50_000_000L)
          .forEach(e -> sb.append(String.format("%s %.1f; ", e.getKey(), e.getValue() / 1e9)));
      // the whole process, with the garbage collector's threads; and the collections' wall time
      sb.append(String.format("process %.1f; collections %.1f s", (processCpu() - processCpu0) / 1e9,
          (gcMillis() - gcMillis0) / 1e3));
      return sb.toString();
    }

    private static long processCpu() {
      return ((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcMillis() {
      long sum = 0;
      for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        sum += Math.max(0, gc.getCollectionTime());
      }
      return sum;
    }
  }
}
