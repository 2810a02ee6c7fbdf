package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * A lazy k-way merge of sorted sources (one per partition), so that a global scan comes out in key
 * order: a range scan over a property is then ordered by value across all partitions.
 */
public final class MergeIterator<T> implements CloseableIterator<T> {

  private final List<CloseableIterator<T>> sources;
  private final PriorityQueue<Head<T>> heads;
  private boolean started;

  private record Head<T>(T item, CloseableIterator<T> source) {}

  public MergeIterator(List<CloseableIterator<T>> sources, Comparator<? super T> order) {
    this.sources = sources;
    this.heads =
        new PriorityQueue<>(Math.max(1, sources.size()), (a, b) -> order.compare(a.item, b.item));
  }

  private void start() {
    if (!started) {
      started = true;
      for (CloseableIterator<T> s : sources) {
        if (s.hasNext()) {
          heads.add(new Head<>(s.next(), s));
        }
      }
    }
  }

  @Override
  public boolean hasNext() {
    start();
    return !heads.isEmpty();
  }

  @Override
  public T next() {
    start();
    Head<T> h = heads.poll();
    if (h == null) {
      throw new NoSuchElementException();
    }
    if (h.source.hasNext()) {
      heads.add(new Head<>(h.source.next(), h.source));
    }
    return h.item;
  }

  @Override
  public void close() {
    started = true;
    heads.clear();
    for (CloseableIterator<T> s : sources) {
      s.close();
    }
  }
}
