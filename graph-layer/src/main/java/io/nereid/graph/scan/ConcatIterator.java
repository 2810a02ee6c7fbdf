package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** {@link CloseableIterator#concat}: at most one source open at a time. */
public final class ConcatIterator<T> implements CloseableIterator<T> {

  private final List<Supplier<CloseableIterator<T>>> sources;
  private int nextSource;
  private CloseableIterator<T> current;

  public ConcatIterator(List<Supplier<CloseableIterator<T>>> sources) {
    this.sources = sources;
  }

  @Override
  public boolean hasNext() {
    while (true) {
      if (current != null && current.hasNext()) {
        return true;
      }
      if (current != null) {
        current.close();
        current = null;
      }
      if (nextSource >= sources.size()) {
        return false;
      }
      current = sources.get(nextSource++).get();
    }
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }

  @Override
  public void close() {
    nextSource = sources.size();
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
