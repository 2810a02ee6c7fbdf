package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/** {@link CloseableIterator#filter}: one element of look-ahead. */
public final class FilteredIterator<T> implements CloseableIterator<T> {

  private final CloseableIterator<T> source;
  private final Predicate<? super T> test;
  private T next;
  private boolean ready;

  public FilteredIterator(CloseableIterator<T> source, Predicate<? super T> test) {
    this.source = source;
    this.test = test;
  }

  @Override
  public boolean hasNext() {
    while (!ready) {
      if (!source.hasNext()) {
        return false; // the source closed itself on exhaustion
      }
      T candidate = source.next();
      if (test.test(candidate)) {
        next = candidate;
        ready = true;
      }
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ready = false;
    T r = next;
    next = null;
    return r;
  }

  @Override
  public void close() {
    ready = false;
    next = null;
    source.close();
  }
}
