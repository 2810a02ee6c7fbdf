package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvReader;
import io.nereid.kv.codec.FixedLong;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A load's progress, kept in the graph store's {@code meta} key space (partition 0) and written in
 * the same bulk batch as the data it describes, so that after a crash it says exactly what is
 * there. Keys are ASCII, values 8-byte big-endian numbers (like the id counters beside them):
 *
 * <pre>
 *   load/{loadId}/f{index}/records   CSV records of the file consumed (after the header)
 *   load/{loadId}/f{index}/state     0 in progress, 1 done, 2 failed (stopped at its position)
 *   load/{loadId}/f{index}/c{i}      the file's counters (see LoadCounters)
 *   load/{loadId}/errlog             bytes of the error log that belong to committed batches
 *   load/{loadId}/millis             time spent parsing and inserting, over all runs
 * </pre>
 */
final class LoadProgress {

  static final int IN_PROGRESS = 0;
  static final int DONE = 1;
  static final int FAILED = 2;

  /** What the store says about one file. */
  record Feed(long records, int state, LoadCounters counters) {}

  /** What the store says about a load. */
  record Job(Map<Integer, Feed> feeds, long errorLogBytes, long millis) {}

  private LoadProgress() {}

  static void putFeed(BulkBatch b, KeySpace meta, String loadId, int index, long records,
      int state, LoadCounters counters) {
    String f = prefix(loadId) + "f" + index + "/";
    put(b, meta, f + "records", records);
    put(b, meta, f + "state", state);
    long[] c = counters.toArray();
    for (int i = 0; i < c.length; i++) {
      put(b, meta, f + "c" + i, c[i]);
    }
  }

  static void putJob(BulkBatch b, KeySpace meta, String loadId, long errorLogBytes, long millis) {
    put(b, meta, prefix(loadId) + "errlog", errorLogBytes);
    put(b, meta, prefix(loadId) + "millis", millis);
  }

  static Job read(KvReader reader, KeySpace meta, String loadId) {
    String prefix = prefix(loadId);
    Map<Integer, long[]> raw = new HashMap<>();
    long errlog = 0;
    long millis = 0;
    KeyRange range = KeyRange.prefix(prefix.getBytes(StandardCharsets.US_ASCII));
    try (KvIterator it = reader.scan(0, meta, range)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        String rest = new String(e.key(), StandardCharsets.US_ASCII).substring(prefix.length());
        long v = FixedLong.read(e.value(), 0);
        if (rest.equals("errlog")) {
          errlog = v;
        } else if (rest.equals("millis")) {
          millis = v;
        } else if (rest.startsWith("f")) {
          int slash = rest.indexOf('/');
          int index = Integer.parseInt(rest.substring(1, slash));
          String field = rest.substring(slash + 1);
          long[] a = raw.computeIfAbsent(index, i -> new long[7]);
          switch (field) {
            case "records" -> a[5] = v;
            case "state" -> a[6] = v;
            default -> a[Integer.parseInt(field.substring(1))] = v;
          }
        }
      }
    }
    Map<Integer, Feed> feeds = new HashMap<>();
    raw.forEach((i, a) -> feeds.put(i, new Feed(a[5], (int) a[6],
        LoadCounters.fromArray(java.util.Arrays.copyOf(a, 5)))));
    return new Job(feeds, errlog, millis);
  }

  private static String prefix(String loadId) {
    return "load/" + loadId + "/";
  }

  private static void put(BulkBatch b, KeySpace meta, String key, long value) {
    b.put(0, meta, key.getBytes(StandardCharsets.US_ASCII), FixedLong.encode(value));
  }
}
