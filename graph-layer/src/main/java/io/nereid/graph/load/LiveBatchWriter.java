package io.nereid.graph.load;

import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.WriteTxn;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Writes a batch's drafts into a store that other clients read and write at the same time (the
 * server's {@code /loader}): one graph transaction per batch, through {@link GraphTxn}'s own
 * operations, with the load's progress keys in the same commit.
 *
 * <p>Why not the offline {@link BatchWriter}: a kv bulk batch is not conflict-checked, so a client
 * transaction that began before it and commits after it would not see it — a vertex dropped by a
 * client while the loader adds an edge to it would leave a dangling edge, an id created by both
 * would be stored twice. Through {@link GraphTxn}, the batch's writes touch the elements they attach
 * to and are tracked like any transaction's: such a client transaction fails with a write conflict
 * (retryable), as it would against another client. The loader itself cannot lose: it holds {@link
 * GraphStore#exclusiveCommits()} from its batch's first read to this commit (see {@code LoadRun}),
 * so what the drafts were built from is still the store's state here. Slower than bulk batches
 * (each operation reads what it checks), but safe.
 */
final class LiveBatchWriter {

  private final GraphStore store;

  LiveBatchWriter(GraphStore store) {
    this.store = store;
  }

  /** Writes the drafts (new vertices and edges get their ids) and the progress; one commit. */
  void write(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges,
      Consumer<BulkBatch> progress) {
    WriteTxn kv = store.kv().beginWrite(store.config().durability());
    try (GraphTxn txn = store.begin(kv)) {
      for (VertexDraft d : vertices) {
        if (!d.existing) {
          d.id = txn.addVertex(d.externalId, d.label()).id();
        } else if (d.labelsChanged) {
          txn.setVertexLabel(d.id, d.label());
        }
        d.writeProperties(txn);
      }
      for (EdgeDraft d : edges) {
        if (!d.existing) {
          d.id = txn.addEdge(d.externalId, d.out, d.label, d.in).id();
        }
        d.writeProperties(txn);
      }
      progress.accept(new TxnAsBatch(kv));
      txn.commit();
    }
  }

  /** The progress keys' writer ({@link LoadProgress} writes to a bulk batch) over the txn. */
  private record TxnAsBatch(WriteTxn txn) implements BulkBatch {

    @Override
    public void put(int partition, KeySpace space, byte[] key, byte[] value) {
      txn.put(partition, space, key, value);
    }

    @Override
    public void add(int partition, KeySpace space, byte[] key, long delta) {
      txn.add(partition, space, key, delta);
    }

    @Override
    public long size() {
      return txn.size();
    }

    @Override
    public long commit() {
      throw new UnsupportedOperationException("committed with the graph transaction");
    }

    @Override
    public void close() {}
  }
}
