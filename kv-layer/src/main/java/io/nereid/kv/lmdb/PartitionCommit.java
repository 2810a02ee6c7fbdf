package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.agrona.DirectBuffer;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The part of a batch of commits that falls in one partition, applied in two phases on that
 * partition's writer thread: first the LMDB write transaction is filled ({@link #prepared}), then it
 * is committed or aborted as the applier decides ({@link #decide}). Filling runs while the log is
 * being forced; nothing becomes visible until every partition of the batch has been filled.
 */
final class PartitionCommit implements Runnable {

  /** The mutations of one record that fall in this partition. */
  record Part(boolean bulk, List<Mutation> mutations) {}

  private final LmdbPartition partition;
  private final List<Part> parts = new ArrayList<>();
  private final long seq;
  final CompletableFuture<Void> prepared = new CompletableFuture<>();
  private final CompletableFuture<Boolean> decision = new CompletableFuture<>();
  final CompletableFuture<Void> done = new CompletableFuture<>();

  PartitionCommit(LmdbPartition partition, long seq) {
    this.partition = partition;
    this.seq = seq;
  }

  private long bytes;

  void add(boolean bulk, List<Mutation> mutations) {
    parts.add(new Part(bulk, mutations));
    for (Mutation m : mutations) {
      bytes += m.encodedSize();
    }
  }

  /** Encoded size of the mutations: a lower bound on the pages they need. */
  long bytes() {
    return bytes;
  }

  int partition() {
    return partition.index;
  }

  void decide(boolean commit) {
    decision.complete(commit);
  }

  @Override
  public void run() {
    Txn<DirectBuffer> txn;
    try {
      txn = partition.env.txnWrite();
    } catch (Throwable t) {
      prepared.completeExceptionally(t);
      done.complete(null);
      return;
    }
    try {
      try {
        fill(txn);
        partition.putAppliedSeq(txn, seq);
      } catch (Throwable t) {
        prepared.completeExceptionally(t);
        done.complete(null);
        return;
      }
      prepared.complete(null);
      if (decision.join()) {
        txn.commit();
      }
      done.complete(null);
    } catch (Throwable t) {
      done.completeExceptionally(t);
    } finally {
      txn.close();
    }
  }

  private void fill(Txn<DirectBuffer> txn) {
    AppendState append = new AppendState(txn);
    for (Part part : parts) {
      for (Mutation m : part.mutations()) {
        Dbi<DirectBuffer> dbi = partition.dbi(m.space());
        switch (m.kind()) {
          case Mutation.PUT -> {
            DirectBuffer key = DirectBuffers.wrap(m.key());
            DirectBuffer value = DirectBuffers.wrapValue(m.value());
            if (part.bulk() && append.canAppend(m.space(), dbi, m.key())) {
              dbi.put(txn, key, value, PutFlags.MDB_APPEND);
            } else {
              dbi.put(txn, key, value);
            }
            append.wrote(m.space(), m.key());
          }
          case Mutation.DELETE -> dbi.delete(txn, DirectBuffers.wrap(m.key()));
          default -> {
            addToCounter(txn, dbi, m);
            append.wrote(m.space(), m.key());
          }
        }
      }
    }
  }

  private static void addToCounter(Txn<DirectBuffer> txn, Dbi<DirectBuffer> dbi, Mutation m) {
    DirectBuffer key = DirectBuffers.wrap(m.key());
    DirectBuffer old = dbi.get(txn, key);
    long sum = (old == null ? 0 : Counters.decode(DirectBuffers.toArray(old))) + m.delta();
    key = DirectBuffers.wrap(m.key());
    if (sum == 0) {
      dbi.delete(txn, key);
    } else {
      dbi.put(txn, key, DirectBuffers.wrapValue(Counters.encode(sum)));
    }
  }

  /**
   * Tracks the last key of each database in this transaction, so that sorted bulk puts beyond it go
   * in with MDB_APPEND (no search, no page split) and the rest with a normal put.
   */
  private static final class AppendState {
    private final Txn<DirectBuffer> txn;
    private final java.util.Map<Integer, byte[]> lastKeys = new java.util.HashMap<>();

    AppendState(Txn<DirectBuffer> txn) {
      this.txn = txn;
    }

    boolean canAppend(int space, Dbi<DirectBuffer> dbi, byte[] key) {
      byte[] last = lastKeys.computeIfAbsent(space, s -> lastKey(dbi));
      return last.length == 0 || ByteKeys.compare(key, last) > 0;
    }

    /**
     * Every write of the batch moves the known last key up: a counter or a transaction's put may
     * land beyond it. (A delete may leave it too high, which only costs an append.)
     */
    void wrote(int space, byte[] key) {
      byte[] last = lastKeys.get(space);
      if (last != null && ByteKeys.compare(key, last) > 0) {
        lastKeys.put(space, key);
      }
    }

    private byte[] lastKey(Dbi<DirectBuffer> dbi) {
      try (Cursor<DirectBuffer> c = dbi.openCursor(txn)) {
        return c.last() ? DirectBuffers.toArray(c.key()) : new byte[0];
      }
    }
  }
}
