package io.nereid.graph;

import io.nereid.graph.scan.ConcatIterator;
import io.nereid.graph.scan.FilteredIterator;
import io.nereid.graph.scan.MappedIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A lazy result. It holds kv cursors until it is exhausted ({@link #hasNext()} returned false) or
 * closed; closing twice is harmless. Use try-with-resources unless you read it to the end.
 */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {

  @Override
  void close();

  /** Applies {@code f} lazily to each element. */
  default <R> CloseableIterator<R> map(Function<? super T, ? extends R> f) {
    return new MappedIterator<>(this, f);
  }

  /** Keeps the elements that pass {@code p}, lazily. */
  default CloseableIterator<T> filter(Predicate<? super T> p) {
    return new FilteredIterator<>(this, p);
  }

  /** Reads the rest into a list and closes. */
  default List<T> toList() {
    try (this) {
      List<T> out = new ArrayList<>();
      while (hasNext()) {
        out.add(next());
      }
      return out;
    }
  }

  /** Counts the rest and closes. */
  default long count() {
    try (this) {
      long n = 0;
      while (hasNext()) {
        next();
        n++;
      }
      return n;
    }
  }

  static <T> CloseableIterator<T> empty() {
    return of(Collections.emptyIterator(), () -> {});
  }

  static <T> CloseableIterator<T> of(List<T> items) {
    return of(items.iterator(), () -> {});
  }

  /** Wraps an iterator with a close action, run once (on close or exhaustion). */
  static <T> CloseableIterator<T> of(Iterator<T> it, Runnable onClose) {
    return new CloseableIterator<>() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        if (closed) {
          return false;
        }
        if (!it.hasNext()) {
          close();
          return false;
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          onClose.run();
        }
      }
    };
  }

  /** The results of each source in turn; a source is opened only when the previous is done. */
  static <T> CloseableIterator<T> concat(List<Supplier<CloseableIterator<T>>> sources) {
    return new ConcatIterator<>(sources);
  }
}
