package io.nereid.kv.tools;

import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code nereid kv-info [dir] [keySpace...]}: opens (creating if absent) a store, recovers it if it
 * crashed, and prints its partitions, last commit and the number of keys per key space.
 */
public final class KvInfo {

  private KvInfo() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "data");
    String[] spaces = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[] {"default"};
    int partitions = storedPartitions(dir);
    long started = System.nanoTime();
    try (KvStore store = KvStore.open(dir, KvStoreConfig.of(spaces).withPartitions(partitions))) {
      print(store, System.out, (System.nanoTime() - started) / 1_000_000);
    }
  }

  private static int storedPartitions(Path dir) throws java.io.IOException {
    Path meta = dir.resolve("nereid-kv.properties");
    if (!Files.exists(meta)) {
      return KvStoreConfig.DEFAULT_PARTITIONS;
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(meta)) {
      p.load(r);
    }
    return Integer.parseInt(p.getProperty("partitions", "" + KvStoreConfig.DEFAULT_PARTITIONS).trim());
  }

  static void print(KvStore store, PrintStream out, long openMillis) {
    out.printf("store       %s%n", store.directory());
    out.printf("partitions  %d%n", store.partitionCount());
    out.printf("last commit %d%n", store.lastCommitSeq());
    out.printf("opened in   %d ms (including recovery)%n", openMillis);
    try (Snapshot s = store.snapshot()) {
      for (KeySpace ks : store.keySpaces()) {
        long keys = 0;
        for (int p = 0; p < store.partitionCount(); p++) {
          try (KvIterator it = s.scan(p, ks, KeyRange.all())) {
            while (it.hasNext()) {
              it.next();
              keys++;
            }
          }
        }
        out.printf("key space   %-12s %d keys%n", ks.name(), keys);
      }
    }
  }
}
