package io.nereid.graph.load;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.dict.ElementIds;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.KeyValues;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.BulkBatch;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.Collection;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;

/**
 * Writes a batch's drafts to the store, in at most two commits:
 *
 * <ol>
 *   <li>changes to elements that were in the store before the batch and need more than added
 *       keys (a label change, a replaced single value) go through a {@link GraphTxn}, the
 *       graph-layer's own code for them; a rare case (merged rows, updates);
 *   <li>everything else is new facts, written as kv puts with the graph-layer's key encoders
 *       ({@link KeyOrder#key}, {@link ExternalIds#key}, {@link Statistics}), in the same orders,
 *       partitions and values as its transactions write them, sorted, through one kv {@link
 *       BulkBatch} together with the load's progress keys.
 * </ol>
 *
 * The bulk batch is all-or-nothing after a crash, so progress never runs ahead of the data. A
 * crash between the two commits leaves a consistent store whose progress is one batch behind; the
 * resumed load applies that batch's rows again, which merge (see docs/LOADER.md).
 */
final class BatchWriter {

  private static final byte[] EMPTY = new byte[0];
  private static final KeyOrder[] ORDERS = KeyOrder.values();

  private final GraphStore store;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;
  private final Dictionary dictionary;
  private final ValueCodec values;
  private final ElementIds ids;
  private final ExternalIds externalIds;
  private final ForkJoinPool pool;
  private final PendingRuns pending;
  // scratch of keys(), reused for every key
  private final byte[] key = new byte[FactKeys.MAX_KEY];
  private final byte[] object = new byte[UnsignedVarint.MAX_LENGTH];
  private final byte[] pogsValue = new byte[UnsignedVarint.MAX_LENGTH];
  private final FactKeys.Utf8Buffer utf8 = new FactKeys.Utf8Buffer();
  /** The runs of the batch being written, reused: their arrays are sized by earlier batches. */
  private KeyRuns runs;

  /**
   * {@code pending}: where the keys of the randomly-filled key spaces go instead of the batch (an
   * offline load into an empty store), or null.
   */
  BatchWriter(GraphStore store, ForkJoinPool pool, PendingRuns pending) {
    this.pending = pending;
    this.store = store;
    this.spaces = store.spaces();
    this.partitioner = store.partitioner();
    this.dictionary = store.dictionary();
    this.values = store.values();
    this.ids = store.elementIds();
    this.externalIds = store.externalIds();
    this.pool = pool;
  }

  /**
   * Commits the changes to stored elements (the graph transaction) and gives new vertices their
   * internal ids (the next batch's edges look them up). Needs every earlier batch committed.
   */
  void prepare(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges,
      boolean hasStored) {
    if (hasStored && needsTransaction(vertices, edges)) {
      if (pending != null && !pending.isEmpty()) {
        // a graph transaction reads and rewrites index entries and counters that may still be in
        // run files (a label change deletes the vertex's POGS entry): merge them first
        pending.mergeAll();
      }
      updateStored(vertices, edges);
    }
    for (VertexDraft d : vertices) {
      if (!d.existing) {
        d.id = ids.nextVertexId();
      }
    }
  }

  /**
   * Turns the prepared drafts' new facts into sorted runs of puts and counter additions, giving
   * new edges and property values their ids. Builds every key in the scratch arrays of this
   * writer, so batches go through it one at a time (the committer thread).
   */
  private KeyRuns keys(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges) {
    int partitions = partitioner.count();
    if (runs == null) {
      runs = new KeyRuns(partitions, store.kv().keySpaces(),
          (vertices.size() + edges.size()) * 2 / partitions + 64);
    }
    runs.clear();
    TotalCounts totals = new TotalCounts(partitions);
    for (VertexDraft d : vertices) {
      if (d.needsTransaction()) {
        continue;
      }
      long label;
      if (!d.existing) {
        label = dictionary.intern(d.label());
        utf8.encode(d.externalId);
        int ol = UnsignedVarint.write(object, 0, label);
        quad(runs, d.id, QuadKind.LABEL, 0, object, ol, 0, 0, utf8.bytes, utf8.length,
            utf8.bytes, utf8.length);
        externalId(runs, ExternalIds.Kind.VERTEX, d.externalId, d.id);
        int p = partitioner.ofId(d.id);
        totals.increment(TotalCounts.VERTICES, 0, p);
        totals.increment(TotalCounts.VERTEX_LABEL, label, p);
      } else {
        label = dictionary.lookup(d.storedLabel);
      }
      int pogsLength = UnsignedVarint.write(pogsValue, 0, label); // has(label, key, value) reads it
      int p = partitioner.ofId(d.id);
      for (int i = 0; i < d.properties.size(); i++) {
        KeyValues kv = d.properties.value(i);
        if (kv.added.isEmpty()) {
          continue;
        }
        long k = dictionary.intern(d.properties.key(i));
        for (Object v : kv.added) {
          long pid = ids.nextInPartition(p);
          byte[] o = values.encode(v);
          quad(runs, d.id, QuadKind.VERTEX_PROPERTY, k, o, o.length, pid, 0, EMPTY, 0, pogsValue,
              pogsLength);
          totals.increment(TotalCounts.VERTEX_PROPERTY, k, p);
        }
      }
    }
    for (EdgeDraft d : edges) {
      if (d.needsTransaction()) {
        continue;
      }
      long label = dictionary.intern(d.label);
      if (!d.existing) {
        int p = partitioner.ofId(d.out);
        d.id = ids.nextInPartition(p);
        utf8.encode(d.externalId);
        int ol = UnsignedVarint.write(object, 0, d.in);
        quad(runs, d.out, QuadKind.EDGE, label, object, ol, d.id, partitioner.ofId(d.in),
            utf8.bytes, utf8.length, utf8.bytes, utf8.length);
        externalId(runs, ExternalIds.Kind.EDGE, d.externalId, d.id);
        totals.increment(TotalCounts.EDGES, 0, p);
        totals.increment(TotalCounts.EDGE_LABEL, label, p);
        int kl = FactKeys.degree(key, d.out, Statistics.OUT, label);
        runs.add(p, spaces.stats(), key, kl, 1);
        kl = FactKeys.degree(key, d.in, Statistics.IN, label);
        runs.add(partitioner.ofId(d.in), spaces.stats(), key, kl, 1);
      }
      int pogsLength = UnsignedVarint.write(pogsValue, 0, label);
      for (int i = 0; i < d.properties.size(); i++) {
        KeyValues kv = d.properties.value(i);
        if (kv.added.isEmpty()) {
          continue;
        }
        long k = dictionary.intern(d.properties.key(i));
        byte[] o = values.encode(kv.added.get(0)); // edge properties are single
        quad(runs, d.id, QuadKind.EDGE_PROPERTY, k, o, o.length, 0, 0, EMPTY, 0, pogsValue,
            pogsLength);
        totals.increment(TotalCounts.EDGE_PROPERTY, k, partitioner.ofId(d.id));
      }
    }
    totals.writeTo(runs, spaces.stats());
    return runs;
  }

  /**
   * Writes the prepared drafts' new facts ({@link #keys}) and the progress keys {@code progress}
   * adds as one bulk batch. May run in another thread than {@link #prepare} (the loader overlaps
   * it with building the next batch), one batch at a time, in order.
   */
  void commit(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges,
      Consumer<BulkBatch> progress) {
    KeyRuns runs = keys(vertices, edges);
    try (BulkBatch batch = store.kv().bulkBatch()) {
      // the run file is forced before the batch that records it commits: progress never runs
      // ahead of the data
      RunFile file = runs.writeTo(batch, pool, pending == null ? null : spaces,
          parts -> parts.isEmpty() ? null : pending.write(parts));
      if (file != null) {
        pending.recordIn(batch, file);
      }
      progress.accept(batch);
      batch.commit();
      if (file != null) {
        pending.committed(file);
      }
    }
    if (pending != null && pending.overBudget()) {
      pending.mergeAll();
    }
  }

  /**
   * The keys of one quad in every order that holds it, with the same placement and values as the
   * graph-layer's QuadWriter: {@code value} in SPOG, GPSO and OSGP, {@code pogsValue} in POGS.
   * {@code objectPartition} places OSGP (edges only).
   */
  private void quad(KeyRuns runs, long s, QuadKind kind, long p, byte[] o, int oLength, long g,
      int objectPartition, byte[] value, int valueLength, byte[] pogsValue, int pogsLength) {
    int subjectPartition = partitioner.ofId(s);
    for (KeyOrder order : ORDERS) {
      if (!FactKeys.holds(order, kind, g)) {
        continue;
      }
      int kl = FactKeys.quad(order, key, s, kind, p, o, oLength, g);
      int partition = order.partitioning() == KeyOrder.Partitioning.OBJECT
          ? objectPartition : subjectPartition;
      if (order == KeyOrder.POGS) {
        runs.put(partition, spaces.of(order), key, kl, pogsValue, 0, pogsLength);
      } else {
        runs.put(partition, spaces.of(order), key, kl, value, 0, valueLength);
      }
    }
  }

  /** The {@code xid} entry of a new element, from the UTF-8 of its id in {@link #utf8}. */
  private void externalId(KeyRuns runs, ExternalIds.Kind kind, String id, long internalId) {
    int kl = FactKeys.externalId(key, kind, id, utf8.bytes, utf8.length);
    int vl = UnsignedVarint.write(object, 0, internalId);
    runs.put(FactKeys.partitionOf(utf8.bytes, utf8.length, partitioner.count()),
        externalIds.space(), key, kl, object, 0, vl);
  }

  private static boolean needsTransaction(Collection<VertexDraft> vertices,
      Collection<EdgeDraft> edges) {
    for (VertexDraft d : vertices) {
      if (d.needsTransaction()) {
        return true;
      }
    }
    for (EdgeDraft d : edges) {
      if (d.needsTransaction()) {
        return true;
      }
    }
    return false;
  }

  /** Changes to stored elements beyond added values, in one graph transaction. */
  private void updateStored(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges) {
    GraphTxn txn = null;
    try {
      for (VertexDraft d : vertices) {
        if (d.needsTransaction()) {
          txn = txn == null ? store.begin() : txn;
          if (d.labelsChanged) {
            txn.setVertexLabel(d.id, d.label());
          }
          d.writeProperties(txn);
        }
      }
      for (EdgeDraft d : edges) {
        if (d.needsTransaction()) {
          txn = txn == null ? store.begin() : txn;
          d.writeProperties(txn);
        }
      }
      if (txn != null) {
        txn.commit();
      }
    } finally {
      if (txn != null) {
        txn.close();
      }
    }
  }
}
