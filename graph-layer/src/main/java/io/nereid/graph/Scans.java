package io.nereid.graph;

import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.scan.KvEntries;
import io.nereid.graph.scan.MergeIterator;
import io.nereid.graph.scan.PrefetchingIterator;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Range scans of the quad indexes: within one partition, or over all partitions merged lazily in
 * key order. With an executor (snapshot readers only: a write transaction is single-threaded) each
 * partition is read ahead in parallel.
 */
final class Scans {

  private static final Comparator<KvEntry> KEY_ORDER = (a, b) -> ByteKeys.compare(a.key(), b.key());

  private final KvReader kv;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;
  private final Executor executor;

  Scans(KvReader kv, GraphSpaces spaces, Partitioner partitioner, Executor executor) {
    this.kv = kv;
    this.spaces = spaces;
    this.partitioner = partitioner;
    this.executor = executor;
  }

  CloseableIterator<KvEntry> prefix(KeyOrder order, int partition, byte[] prefix) {
    return range(order, partition, KeyRange.prefix(prefix));
  }

  CloseableIterator<KvEntry> range(KeyOrder order, int partition, KeyRange range) {
    return new KvEntries(kv.scan(partition, spaces.of(order), range));
  }

  /** The first entry with the prefix, or null; the cursor is closed at once. */
  KvEntry first(KeyOrder order, int partition, byte[] prefix) {
    try (KvIterator it = kv.scan(partition, spaces.of(order), KeyRange.prefix(prefix))) {
      return it.hasNext() ? it.next() : null;
    }
  }

  /** The range in every partition, merged into one key-ordered result. */
  CloseableIterator<KvEntry> allPartitions(KeyOrder order, KeyRange range) {
    int n = partitioner.count();
    List<CloseableIterator<KvEntry>> parts = new ArrayList<>(n);
    try {
      for (int p = 0; p < n; p++) {
        KvIterator cursor = kv.scan(p, spaces.of(order), range);
        parts.add(
            executor == null ? new KvEntries(cursor) : new PrefetchingIterator(cursor, executor));
      }
    } catch (RuntimeException e) {
      parts.forEach(CloseableIterator::close);
      throw e;
    }
    return n == 1 ? parts.get(0) : new MergeIterator<>(parts, KEY_ORDER);
  }
}
