package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Reads a kv cursor in batches on an executor, one batch ahead of the consumer, so that the
 * partitions of a global scan are read in parallel. Batches start small (a {@code limit(1)} reads
 * little) and double up to {@link #MAX_BATCH}. The cursor is used by one thread at a time: a batch
 * is requested only when the previous one has completed, and close waits for the one in flight.
 * Only for snapshot cursors, which may move between threads.
 */
public final class PrefetchingIterator implements CloseableIterator<KvEntry> {

  static final int FIRST_BATCH = 16;
  static final int MAX_BATCH = 512;

  private final KvIterator cursor;
  private final Executor executor;
  private CompletableFuture<List<KvEntry>> pending;
  private List<KvEntry> batch = List.of();
  private int index;
  private int batchSize = FIRST_BATCH;
  private volatile boolean cursorDone;
  private boolean closed;

  public PrefetchingIterator(KvIterator cursor, Executor executor) {
    this.cursor = cursor;
    this.executor = executor;
    this.pending = fetch();
  }

  private CompletableFuture<List<KvEntry>> fetch() {
    int n = batchSize;
    batchSize = Math.min(MAX_BATCH, batchSize * 2);
    return CompletableFuture.supplyAsync(
        () -> {
          List<KvEntry> out = new ArrayList<>(n);
          while (out.size() < n && cursor.hasNext()) {
            out.add(cursor.next());
          }
          if (out.size() < n) {
            cursorDone = true;
          }
          return out;
        },
        executor);
  }

  @Override
  public boolean hasNext() {
    while (!closed && index == batch.size()) {
      if (pending == null) {
        close();
        return false;
      }
      batch = await(pending);
      index = 0;
      pending = cursorDone ? null : fetch();
    }
    return !closed;
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return batch.get(index++);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (pending != null) {
        pending.handle((r, e) -> null).join(); // never close under a running fetch
      }
    } finally {
      pending = null;
      batch = List.of();
      cursor.close();
    }
  }

  private List<KvEntry> await(CompletableFuture<List<KvEntry>> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      close();
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }
}
