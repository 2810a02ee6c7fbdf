package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.lmdbjava.Txn;

/**
 * Fills one partition's entries of a bulk batch into an LMDB write transaction <i>before</i> the
 * batch is committed: on the partition's writer thread, chunk by chunk as the loader fills them
 * ({@link BulkEntries}). When the batch commits, its {@link PartitionCommit} adopts the transaction
 * and fills only the chunks that came after, so the loader's copying and LMDB's filling overlap
 * instead of running one after the other (on a bulk load they cost about the same).
 *
 * <p>The transaction is a speculation, and that is what keeps it correct. It holds the partition's
 * write gate ({@link LmdbPartition#acquireWrite}), and whoever else needs to write the partition
 * first (a commit applied to it, a map growth, closing the store) cancels it. So when it is
 * adopted nothing has been written to the partition since it began: it holds exactly what filling
 * at commit time would. It is adopted only when the batch's entries are the first thing its round
 * applies to the partition, else records sequenced before the batch would land after it; otherwise
 * it is cancelled and the batch is filled as usual. Nothing of it is visible or durable until the
 * round commits it, so a crash before that leaves nothing of it.
 *
 * <p>Threads: {@link #offer} and {@link #discard} on the loader's thread; everything else on the
 * partition's writer thread, which runs one task at a time (so the state changes there are
 * ordered). The tasks hold the chunks they read, so the memory stays valid until they have run.
 */
final class BulkPrefill {

  /** Filling starts once this many bytes are in full chunks (small batches are not worth it). */
  static final long START_BYTES = 1 << 20;

  private static final int IDLE = 0;
  private static final int FILLING = 1;
  private static final int ADOPTED = 2;
  /** Cancelled, failed or discarded: never fills again. */
  private static final int ENDED = 3;

  private final LmdbPartition partition;

  // Loader thread only.
  private ByteBuffer[] chunks = new ByteBuffer[16];
  private int offered;
  private long offeredBytes;
  private boolean submitted;

  // Writer thread only (read elsewhere only through `state`).
  private Txn<DirectBuffer> txn;
  private int filled;
  private volatile int state = IDLE;
  /** Set by the loader when the batch is done with: tasks still queued do nothing. */
  private volatile boolean discarded;

  BulkPrefill(LmdbPartition partition) {
    this.partition = partition;
  }

  /** Loader thread: {@code chunk} (position 0, limit its written length) is full; fill it ahead. */
  void offer(ByteBuffer chunk) {
    if (state == ENDED || discarded) {
      return;
    }
    if (offered == chunks.length) {
      chunks = Arrays.copyOf(chunks, offered * 2);
    }
    chunks[offered++] = chunk;
    offeredBytes += chunk.limit();
    if (offeredBytes < START_BYTES) {
      return;
    }
    ByteBuffer[] upTo = chunks; // grown by copying only, so the task's array stays as it was
    int count = offered;
    try {
      partition.writer.execute(() -> fillUpTo(upTo, count));
      submitted = true;
    } catch (RejectedExecutionException e) {
      state = ENDED; // the store is closing: fill at commit, if ever
    }
  }

  /** Writer thread: fills the offered chunks not yet filled, beginning the transaction if needed. */
  private void fillUpTo(ByteBuffer[] upTo, int count) {
    if (discarded || state == ENDED || state == ADOPTED) {
      return;
    }
    if (txn == null) {
      txn = partition.beginPrefill(this);
      if (txn == null) {
        return; // the partition is being written: try again with the next chunk
      }
      state = FILLING;
      partition.filler().begin(txn);
    }
    try {
      for (; filled < count; filled++) {
        ByteBuffer c = upTo[filled];
        partition.filler().applyChunk(BufferUtil.address(c), c.limit());
      }
    } catch (Throwable t) {
      cancelOnWriter(); // e.g. the map is full: the commit fills (and grows the map) as usual
    }
  }

  /** Writer thread: aborts the transaction (if any) and releases the gate; never fills again. */
  void cancelOnWriter() {
    if (txn != null) {
      Txn<DirectBuffer> t = txn;
      txn = null;
      try {
        partition.filler().end();
      } finally {
        t.close();
        partition.endPrefill(this);
      }
    }
    state = ENDED;
  }

  /**
   * Writer thread, from the partition's commit of this batch: hands over the transaction (with the
   * partition's write gate and the filler's open cursors), or returns null if there is none.
   */
  Txn<DirectBuffer> adopt() {
    Txn<DirectBuffer> t = txn;
    if (t == null) {
      state = ENDED;
      return null;
    }
    txn = null;
    partition.handOverPrefill(this);
    state = ADOPTED;
    return t;
  }

  /** Writer thread, after {@link #adopt}: the chunks already in the transaction. */
  int filledChunks() {
    return filled;
  }

  /**
   * Loader thread, before the chunks are freed (after the commit, or when the batch is closed
   * without one): makes sure no task reads them any more, cancelling a transaction still open.
   */
  void discard() {
    discarded = true;
    if (!submitted) {
      return; // no task was ever queued
    }
    int s = state;
    if (s == ADOPTED || s == ENDED) {
      return; // set on the writer thread, where every later task sees it and does nothing
    }
    CompletableFuture<Void> cancelled = new CompletableFuture<>();
    try {
      partition.writer.execute(
          () -> {
            try {
              cancelOnWriter();
            } finally {
              cancelled.complete(null);
            }
          });
    } catch (RejectedExecutionException e) {
      partition.awaitWriterStopped(); // closing: its last task cancels every prefill
      return;
    }
    cancelled.join();
  }
}
