package io.nereid.graph.load;

import io.nereid.graph.Cardinality;
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
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.Utf8;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.BulkBatch;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.Collection;
import java.util.Map;
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

  private final GraphStore store;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;
  private final Dictionary dictionary;
  private final ValueCodec values;
  private final ElementIds ids;
  private final ExternalIds externalIds;
  private final ForkJoinPool pool;

  BatchWriter(GraphStore store, ForkJoinPool pool) {
    this.store = store;
    this.spaces = store.spaces();
    this.partitioner = store.partitioner();
    this.dictionary = store.dictionary();
    this.values = store.values();
    this.ids = store.elementIds();
    this.externalIds = store.externalIds();
    this.pool = pool;
  }

  /** Writes the drafts at once: {@link #prepare} then {@link #commit}. */
  void write(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges,
      Consumer<BulkBatch> progress) {
    commit(prepare(vertices, edges), progress);
  }

  /**
   * Commits the changes to stored elements (the graph transaction) and turns the rest into sorted
   * puts, giving new vertices and edges their internal ids. Needs every earlier batch committed.
   */
  SortedPuts prepare(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges) {
    updateStored(vertices, edges);
    SortedPuts puts = new SortedPuts(partitioner.count(), store.kv().keySpaces());
    for (VertexDraft d : vertices) {
      if (d.needsTransaction()) {
        continue;
      }
      long label;
      if (!d.existing) {
        d.id = ids.nextVertexId();
        label = dictionary.intern(d.label());
        byte[] x = Utf8.encode(d.externalId);
        quad(puts, Quad.label(d.id, label), x, x);
        puts.put(externalIds.partition(d.externalId), externalIds.space(),
            ExternalIds.key(ExternalIds.Kind.VERTEX, d.externalId), UnsignedVarint.encode(d.id));
        int p = partitioner.ofId(d.id);
        puts.add(p, spaces.stats(), Statistics.verticesKey(), 1);
        puts.add(p, spaces.stats(), Statistics.vertexLabelKey(label), 1);
      } else {
        label = dictionary.lookup(d.storedLabel);
      }
      byte[] pogsValue = UnsignedVarint.encode(label); // has(label, key, value) reads it
      for (Map.Entry<String, KeyValues> e : d.properties.entrySet()) {
        if (e.getValue().added.isEmpty()) {
          continue;
        }
        long k = dictionary.intern(e.getKey());
        for (Object v : e.getValue().added) {
          long pid = ids.nextInPartition(partitioner.ofId(d.id));
          quad(puts, Quad.vertexProperty(d.id, k, values.encode(v), pid), EMPTY, pogsValue);
          puts.add(partitioner.ofId(d.id), spaces.stats(),
              Statistics.propertyKey(QuadKind.VERTEX_PROPERTY, k), 1);
        }
      }
    }
    for (EdgeDraft d : edges) {
      if (d.needsTransaction()) {
        continue;
      }
      long label = dictionary.intern(d.label);
      if (!d.existing) {
        d.id = ids.nextInPartition(partitioner.ofId(d.out));
        byte[] x = Utf8.encode(d.externalId);
        quad(puts, Quad.edge(d.out, label, d.in, d.id), x, x);
        puts.put(externalIds.partition(d.externalId), externalIds.space(),
            ExternalIds.key(ExternalIds.Kind.EDGE, d.externalId), UnsignedVarint.encode(d.id));
        int p = partitioner.ofId(d.out);
        puts.add(p, spaces.stats(), Statistics.edgesKey(), 1);
        puts.add(p, spaces.stats(), Statistics.edgeLabelKey(label), 1);
        puts.add(p, spaces.stats(), Statistics.degreeKey(d.out, Statistics.OUT, label), 1);
        puts.add(partitioner.ofId(d.in), spaces.stats(),
            Statistics.degreeKey(d.in, Statistics.IN, label), 1);
      }
      byte[] pogsValue = UnsignedVarint.encode(label);
      for (Map.Entry<String, KeyValues> e : d.properties.entrySet()) {
        if (e.getValue().added.isEmpty()) {
          continue;
        }
        long k = dictionary.intern(e.getKey());
        Object v = e.getValue().added.get(0); // edge properties are single
        quad(puts, Quad.edgeProperty(d.id, k, values.encode(v)), EMPTY, pogsValue);
        puts.add(partitioner.ofId(d.id), spaces.stats(),
            Statistics.propertyKey(QuadKind.EDGE_PROPERTY, k), 1);
      }
    }
    return puts;
  }

  /**
   * Sorts the puts and commits them with the progress keys {@code progress} adds, as one bulk
   * batch. May run in another thread than {@link #prepare} (the loader overlaps it with the next
   * batch), as long as batches commit in order.
   */
  void commit(SortedPuts puts, Consumer<BulkBatch> progress) {
    try (BulkBatch batch = store.kv().bulkBatch()) {
      puts.writeTo(batch, pool);
      progress.accept(batch);
      batch.commit();
    }
  }

  /** The same placement and values as the graph-layer's QuadWriter. */
  private void quad(SortedPuts puts, Quad q, byte[] value, byte[] pogsValue) {
    for (KeyOrder order : KeyOrder.values()) {
      if (order.holds(q)) {
        puts.put(order.partitionOf(q, partitioner), spaces.of(order), order.key(q),
            order == KeyOrder.POGS ? pogsValue : value);
      }
    }
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
          for (Map.Entry<String, KeyValues> e : d.properties.entrySet()) {
            boolean first = true;
            for (Object v : e.getValue().added) {
              Cardinality c = first && e.getValue().replaced ? Cardinality.SINGLE : Cardinality.SET;
              txn.addVertexProperty(d.id, c, e.getKey(), v);
              first = false;
            }
          }
        }
      }
      for (EdgeDraft d : edges) {
        if (d.needsTransaction()) {
          txn = txn == null ? store.begin() : txn;
          for (Map.Entry<String, KeyValues> e : d.properties.entrySet()) {
            if (!e.getValue().added.isEmpty()) {
              txn.setEdgeProperty(d.id, e.getKey(), e.getValue().added.get(0));
            }
          }
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
