package io.nereid.bench;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.Durability;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvStats;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteTxn;
import java.nio.file.Path;

/**
 * The same workloads through Nereid's kv-layer API: one key space {@code data}; reads in partition 0
 * of a one-partition store, so that they are comparable with one raw LMDB environment.
 */
final class KvLayer implements AutoCloseable {

  static final String VARIANT = "kv";

  private final KvStore store;
  private final KeySpace space;
  private final int partitions;

  private KvLayer(KvStore store) {
    this.store = store;
    this.space = store.keySpace("data");
    this.partitions = store.partitionCount();
  }

  /**
   * Opens (creating) a store in {@code dir} with {@code partitions} partitions, SYNC durability and
   * the same initial map size per partition as the raw environment gets, so that neither side grows
   * its map during the measurements.
   */
  static KvLayer open(Path dir, int partitions, long mapSize) {
    KvStoreConfig config =
        KvStoreConfig.of("data")
            .withPartitions(partitions)
            .withDurability(Durability.SYNC)
            .withInitialMapSize(mapSize);
    return new KvLayer(KvStore.open(dir, config));
  }

  /**
   * One bulk batch of every entry, in ascending key order; with several partitions entry {@code i}
   * goes to partition {@code i % partitions} (each partition still receives ascending keys).
   */
  long bulk(Dataset d) {
    byte[][] keys = d.keys;
    byte[][] values = d.values;
    int p = partitions;
    try (BulkBatch batch = store.bulkBatch()) {
      for (int i = 0; i < keys.length; i++) {
        batch.put(i % p, space, keys[i], values[i]);
      }
      batch.commit();
    }
    return keys.length;
  }

  /** The data set's random gets in one snapshot. */
  long gets(Dataset d) {
    long sum = 0;
    byte[][] keys = d.keys;
    try (Snapshot s = store.snapshot()) {
      for (int id : d.getIds) {
        byte[] v = s.get(0, space, keys[id]);
        if (v == null) {
          throw new IllegalStateException("key of id " + id + " not found");
        }
        sum += Dataset.getTerm(v.length, v[v.length - 1] & 0xFF);
      }
    }
    return sum;
  }

  /** The data set's range scans in one snapshot, an iterator each. */
  long scans(Dataset d) {
    long sum = 0;
    byte[][] keys = d.keys;
    try (Snapshot s = store.snapshot()) {
      for (int start : d.scanStarts) {
        KeyRange range = KeyRange.closedOpen(keys[start], keys[start + d.scanLength]);
        try (KvIterator it = s.scan(0, space, range)) {
          while (it.hasNext()) {
            KvEntry e = it.next();
            byte[] k = e.key();
            byte[] v = e.value();
            sum += Dataset.entryTerm(k[k.length - 1] & 0xFF, v.length, v[v.length - 1] & 0xFF);
          }
        }
      }
    }
    return sum;
  }

  /** Every entry of partition 0 in key order, in one snapshot. */
  long fullScan() {
    long sum = 0;
    try (Snapshot s = store.snapshot();
        KvIterator it = s.scan(0, space, KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        byte[] k = e.key();
        byte[] v = e.value();
        sum += Dataset.entryTerm(k[k.length - 1] & 0xFF, v.length, v[v.length - 1] & 0xFF);
      }
    }
    return sum;
  }

  /** A write transaction with one put in partition 0, committed with {@link Durability#SYNC}. */
  void commitOne(byte[] k, byte[] v) {
    try (WriteTxn txn = store.beginWrite(Durability.SYNC)) {
      txn.put(0, space, k, v);
      txn.commit();
    }
  }

  KvStats stats() {
    return store.stats();
  }

  @Override
  public void close() {
    store.close();
  }
}
