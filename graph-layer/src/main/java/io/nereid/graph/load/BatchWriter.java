package io.nereid.graph.load;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.dict.ElementIds;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.graph.quad.Partitioner;
import io.nereid.kv.BulkBatch;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Consumer;

/**
 * Writes a batch's drafts to the store, in at most two commits:
 *
 * <ol>
 *   <li>changes to elements that were in the store before the batch and need more than added
 *       keys (a label change, a replaced single value) go through a {@link GraphTxn}, the
 *       graph-layer's own code for them; a rare case (merged rows, updates);
 *   <li>everything else is new facts, written as kv puts ({@link FactWriter}: the same keys,
 *       partitions and values as the graph-layer's transactions write), sorted, through one kv
 *       {@link BulkBatch} together with the load's progress keys.
 * </ol>
 *
 * The bulk batch is all-or-nothing after a crash, so progress never runs ahead of the data. A
 * crash between the two commits leaves a consistent store whose progress is one batch behind; the
 * resumed load applies that batch's rows again, which merge (see docs/LOADER.md).
 */
final class BatchWriter {

  /** Edge batches smaller than this build their keys in one thread (tests lower it). */
  static volatile int splitEdges = 4096;

  private final GraphStore store;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;
  private final ElementIds ids;
  private final ForkJoinPool pool;
  private final PendingRuns pending;
  /** Two key builders: the second builds half of a large edge batch in the pool. */
  private final FactWriter[] facts;
  /** Runs the bulk commits, one at a time. */
  private final Executor finisher;
  /** The last batch's commit. */
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
  /** The runs of the batch being written, reused: their arrays are sized by earlier batches. */
  private final KeyRuns[] runs = new KeyRuns[2];

  /**
   * {@code pending}: where the keys of the randomly-filled key spaces go instead of the batch (an
   * offline load into an empty store), or null; {@code finisher}: a single thread for the bulk
   * commits.
   */
  BatchWriter(GraphStore store, ForkJoinPool pool, PendingRuns pending, Executor finisher) {
    this.pending = pending;
    this.finisher = finisher;
    this.store = store;
    this.spaces = store.spaces();
    this.partitioner = store.partitioner();
    this.ids = store.elementIds();
    this.pool = pool;
    this.facts = new FactWriter[] {new FactWriter(store), new FactWriter(store)};
  }

  /**
   * Commits the changes to stored elements (the graph transaction) and gives new vertices their
   * internal ids (the next batch's edges look them up). A batch with stored elements needs every
   * earlier batch committed; any other needs the one before it to have built its keys (ids are
   * then given in batch order).
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
   * Turns the prepared drafts' new facts into runs of puts and counter additions, giving new edges
   * and property values their ids. One batch at a time (the committer thread): the runs and the
   * writers' scratch arrays are reused. A large edge batch is split in two halves whose keys are
   * built at once, the second half in the pool (idle while keys are built, and the loader's thread
   * is often waiting for this one): each half into runs of its own, the second half's runs then
   * appended to the first's, so keys that arrive in order (SPOG by subject) stay in order.
   */
  private KeyRuns keys(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges) {
    KeyRuns runs = runs(0, vertices.size() + edges.size());
    TotalCounts totals = new TotalCounts(partitioner.count());
    for (VertexDraft d : vertices) {
      if (!d.needsTransaction()) {
        facts[0].vertex(d, runs, totals);
      }
    }
    EdgeDraft[] todo = new EdgeDraft[edges.size()];
    long[] labels = new long[todo.length];
    int n = 0;
    for (EdgeDraft d : edges) {
      if (!d.needsTransaction()) {
        labels[n] = facts[0].prepareEdge(d);
        todo[n++] = d;
      }
    }
    if (n < Math.max(2, splitEdges) || pool.getParallelism() < 2) {
      edges(facts[0], todo, labels, 0, n, runs, totals);
    } else {
      int half = n / 2;
      KeyRuns second = runs(1, n - half);
      TotalCounts secondTotals = new TotalCounts(partitioner.count());
      int count = n;
      ForkJoinTask<?> task = pool.submit(
          () -> edges(facts[1], todo, labels, half, count, second, secondTotals));
      try {
        edges(facts[0], todo, labels, 0, half, runs, totals);
      } catch (RuntimeException | Error e) {
        task.quietlyJoin(); // the pool's half must be done before the runs are reused
        Throwable other = task.getException();
        if (other != null && other != e) {
          e.addSuppressed(other);
        }
        throw e;
      }
      task.join();
      runs.append(second);
      totals.add(secondTotals);
    }
    totals.writeTo(runs, spaces.stats());
    return runs;
  }

  private static void edges(FactWriter facts, EdgeDraft[] edges, long[] labels, int from, int to,
      KeyRuns runs, TotalCounts totals) {
    for (int i = from; i < to; i++) {
      facts.edge(edges[i], labels[i], runs, totals);
    }
  }

  /** The {@code i}th set of reusable runs, emptied. */
  private KeyRuns runs(int i, int elements) {
    if (runs[i] == null) {
      runs[i] = new KeyRuns(partitioner.count(), store.kv().keySpaces(),
          elements * 2 / partitioner.count() + 64);
    }
    runs[i].clear();
    return runs[i];
  }

  /**
   * Writes the prepared drafts' new facts ({@link #keys}) and the progress keys {@code progress}
   * adds as one bulk batch; the returned future completes when it has committed. May run in
   * another thread than {@link #prepare} (the loader overlaps it with building the next batch),
   * one batch at a time, in order; {@code keysBuilt} runs once the batch's ids are given and its
   * keys built (the next batch's {@link #prepare} gives ids too: after it, ids come out the same
   * whatever the timing). The bulk commit itself (the partitions' last fills, LMDB's
   * commits, the forces) runs in {@code finisher}, so that the next batch's keys are built
   * meanwhile; the next batch fills its own bulk batch only once this one has committed (each
   * partition has one LMDB writer, and batches commit in order).
   */
  CompletableFuture<Void> commit(Collection<VertexDraft> vertices, Collection<EdgeDraft> edges,
      Consumer<BulkBatch> progress, Runnable keysBuilt) {
    CompletableFuture<Void> before = previous;
    CompletableFuture<Void> committed = new CompletableFuture<>();
    previous = committed; // whatever happens to this batch, the next one waits for it
    try {
      KeyRuns runs = keys(vertices, edges);
      keysBuilt.run();
      await(before);
      BulkBatch batch = store.kv().bulkBatch();
      RunFile file;
      try {
        // the run file is forced before the batch that records it commits: progress never runs
        // ahead of the data
        file = runs.writeTo(batch, pool, pending == null ? null : spaces,
            parts -> parts.isEmpty() ? null : pending.write(parts));
        if (file != null) {
          pending.recordIn(batch, file);
        }
        progress.accept(batch);
        CompletableFuture.runAsync(() -> finish(batch, file), finisher).whenComplete((v, e) -> {
          if (e == null) {
            committed.complete(null);
          } else {
            committed.completeExceptionally(
                e instanceof CompletionException c && c.getCause() != null ? c.getCause() : e);
          }
        });
      } catch (RuntimeException | Error e) {
        batch.close();
        throw e;
      }
    } catch (RuntimeException | Error e) {
      committed.completeExceptionally(e);
      throw e;
    }
    return committed;
  }

  /** Commits a filled batch; a run file it recorded is then part of the store. */
  private void finish(BulkBatch batch, RunFile file) {
    try (batch) {
      batch.commit();
      if (file != null) {
        pending.committed(file);
      }
    }
    if (pending != null && pending.overBudget()) {
      pending.mergeAll();
    }
  }

  /** Waits for the previous batch's commit; its failure fails this batch too. */
  private static void await(CompletableFuture<Void> before) {
    try {
      before.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException r ? r
          : new IllegalStateException("the previous batch failed", cause);
    }
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
