package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The buffered writes of one transaction: per partition and key space, a sorted map from key to the
 * net effect of the transaction's operations on it (at most one {@link Mutation} per key).
 */
final class WriteBuffer {

  private final int spaces;
  private final TreeMap<byte[], Mutation>[] maps;
  private int size;

  @SuppressWarnings("unchecked")
  WriteBuffer(int partitions, int spaces) {
    this.spaces = spaces;
    this.maps = new TreeMap[partitions * spaces];
  }

  private TreeMap<byte[], Mutation> map(int partition, int space, boolean create) {
    int i = partition * spaces + space;
    if (maps[i] == null && create) {
      maps[i] = new TreeMap<>(ByteKeys.ORDER);
    }
    return maps[i];
  }

  void put(int partition, int space, byte[] key, byte[] value) {
    record(Mutation.put(partition, space, key, value));
  }

  void delete(int partition, int space, byte[] key) {
    record(Mutation.delete(partition, space, key));
  }

  /** Folds an addition into what the transaction already did to the key. */
  void add(int partition, int space, byte[] key, long delta) {
    Mutation prior = get(partition, space, key);
    if (prior == null || prior.kind() == Mutation.ADD) {
      long sum = (prior == null ? 0 : prior.delta()) + delta;
      record(Mutation.add(partition, space, key, sum));
      return;
    }
    long base = prior.kind() == Mutation.PUT ? Counters.decode(prior.value()) : 0;
    record(counterValue(partition, space, key, base + delta));
  }

  /** The mutation that sets a counter to {@code value}: absent when it is zero. */
  static Mutation counterValue(int partition, int space, byte[] key, long value) {
    return value == 0
        ? Mutation.delete(partition, space, key)
        : Mutation.put(partition, space, key, Counters.encode(value));
  }

  private void record(Mutation m) {
    if (map(m.partition(), m.space(), true).put(m.key(), m) == null) {
      size++;
    }
  }

  Mutation get(int partition, int space, byte[] key) {
    TreeMap<byte[], Mutation> map = map(partition, space, false);
    return map == null ? null : map.get(key);
  }

  /**
   * The buffered mutations within {@code range}, in the range's direction, as of this call: the
   * transaction may go on writing while a scan is open (TinkerPop removes edges while iterating
   * them), so the range is copied rather than iterated live.
   */
  Iterator<Mutation> scan(int partition, int space, KeyRange range) {
    TreeMap<byte[], Mutation> map = map(partition, space, false);
    if (map == null) {
      return Collections.emptyIterator();
    }
    NavigableMap<byte[], Mutation> sub;
    if (range.from() != null && range.to() != null) {
      if (ByteKeys.compare(range.from(), range.to()) >= 0) {
        return Collections.emptyIterator();
      }
      sub = map.subMap(range.from(), true, range.to(), false);
    } else if (range.from() != null) {
      sub = map.tailMap(range.from(), true);
    } else if (range.to() != null) {
      sub = map.headMap(range.to(), false);
    } else {
      sub = map;
    }
    if (sub.isEmpty()) {
      return Collections.emptyIterator();
    }
    return new ArrayList<>((range.isReverse() ? sub.descendingMap() : sub).values()).iterator();
  }

  int size() {
    return size;
  }

  /** All mutations, grouped by partition then key space, keys ascending. */
  List<Mutation> mutations() {
    List<Mutation> all = new ArrayList<>(size);
    for (TreeMap<byte[], Mutation> map : maps) {
      if (map != null) {
        all.addAll(map.values());
      }
    }
    return all;
  }

  void clear() {
    for (Map<byte[], Mutation> map : maps) {
      if (map != null) {
        map.clear();
      }
    }
    size = 0;
  }
}
