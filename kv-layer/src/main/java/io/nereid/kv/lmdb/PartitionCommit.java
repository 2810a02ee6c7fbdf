package io.nereid.kv.lmdb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.agrona.DirectBuffer;
import org.lmdbjava.Txn;

/**
 * The part of a batch of commits that falls in one partition: one LMDB write transaction, filled
 * ({@link #prepare}), then committed or aborted as the applier decides. Either on the partition's
 * writer thread ({@link #run}: filled while the log is being written, then waiting for the
 * decision) or inline on the applying thread. LMDB ties a write transaction to the thread that
 * began it, so a transaction begins, commits and aborts on one thread.
 */
final class PartitionCommit implements Runnable {

  private final LmdbPartition partition;
  private final long seq;
  /** Per part: a List of mutations of one record, or a BulkEntries.Part. */
  private final List<Object> parts = new ArrayList<>();
  private final List<Boolean> bulk = new ArrayList<>();
  private CommitRecord lastRecord;
  private List<Mutation> lastMutations;
  private long bytes;
  private boolean force;
  private Txn<DirectBuffer> txn;
  /** Whether this thread holds the partition's write gate (from prepare to commit or abort). */
  private boolean gateHeld;
  final CompletableFuture<Void> prepared = new CompletableFuture<>();
  private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
  final CompletableFuture<Void> done = new CompletableFuture<>();

  PartitionCommit(LmdbPartition partition, long seq) {
    this.partition = partition;
    this.seq = seq;
  }

  /** Adds all of a record's mutations (they fall in this partition). */
  void addAll(CommitRecord r, List<Mutation> mutations, long mutationBytes) {
    parts.add(mutations);
    bulk.add(r.bulk());
    lastRecord = r;
    lastMutations = null;
    bytes += mutationBytes;
  }

  /** Adds one mutation of {@code r}, after the ones of {@code r} added before. */
  void add(CommitRecord r, Mutation m) {
    if (lastRecord != r || lastMutations == null) {
      lastMutations = new ArrayList<>();
      parts.add(lastMutations);
      bulk.add(r.bulk());
      lastRecord = r;
    }
    lastMutations.add(m);
    bytes += m.encodedSize();
  }

  /** Adds a bulk batch's entries for this partition. */
  void add(BulkEntries.Part entries) {
    parts.add(entries);
    bulk.add(Boolean.TRUE);
    lastRecord = null;
    lastMutations = null;
    bytes += entries.bytes();
  }

  /**
   * Forces the partition to disk right after it commits, before the batch becomes visible or is
   * acknowledged: for a header-only bulk record, which the log cannot redo.
   */
  void forceAfterCommit() {
    force = true;
  }

  /** Encoded size of the changes: a lower bound on the pages they need. */
  long bytes() {
    return bytes;
  }

  int partition() {
    return partition.index;
  }

  void decide(boolean commit) {
    decision.complete(commit);
  }

  /**
   * The prefill of the bulk entries this commit starts with, if any: only entries that come first
   * may be filled ahead of the others (see {@link BulkPrefill}).
   */
  BulkPrefill leadingPrefill() {
    return !parts.isEmpty() && parts.get(0) instanceof BulkEntries.Part p ? p.prefill() : null;
  }

  /**
   * Begins the transaction (or adopts the one its leading bulk entries were filled ahead into, on
   * the writer thread) and fills it; on failure nothing is left open.
   */
  @SuppressWarnings("unchecked")
  void prepare() {
    BulkPrefill ahead = leadingPrefill();
    txn = partition.acquireWrite(ahead);
    gateHeld = true;
    boolean adopted = txn != null;
    Filler filler = partition.filler();
    try {
      if (!adopted) {
        txn = partition.env.txnWrite();
        filler.begin(txn);
      }
      for (int i = 0; i < parts.size(); i++) {
        Object part = parts.get(i);
        if (part instanceof BulkEntries.Part entries) {
          filler.apply(entries, i == 0 && adopted ? ahead.filledChunks() : 0);
        } else {
          filler.apply(bulk.get(i), (List<Mutation>) part);
        }
      }
      filler.end();
      partition.putAppliedSeq(txn, seq);
    } catch (Throwable t) {
      try {
        filler.end();
      } finally {
        abort();
      }
      throw t;
    }
  }

  /** Commits the prepared transaction (and forces the partition if asked to). */
  void commit() {
    try {
      txn.commit();
    } finally {
      abort(); // closes it
    }
    if (force) {
      partition.checkpoint(); // this transaction is in no log record
    }
  }

  /** Aborts (closes) the transaction, if one is open, and releases the write gate. */
  void abort() {
    Txn<DirectBuffer> t = txn;
    txn = null;
    try {
      if (t != null) {
        t.close();
      }
    } finally {
      if (gateHeld) {
        gateHeld = false;
        partition.releaseWrite();
      }
    }
  }

  /** On the partition's writer thread: prepare, then wait for the decision. */
  @Override
  public void run() {
    try {
      prepare();
    } catch (Throwable t) {
      prepared.completeExceptionally(t);
      done.complete(null);
      return;
    }
    prepared.complete(null);
    try {
      if (decision.join()) {
        commit();
      } else {
        abort();
      }
      done.complete(null);
    } catch (Throwable t) {
      abort();
      done.completeExceptionally(t);
    }
  }
}
