package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import java.util.function.Function;

/** {@link CloseableIterator#map}. */
public final class MappedIterator<T, R> implements CloseableIterator<R> {

  private final CloseableIterator<T> source;
  private final Function<? super T, ? extends R> f;

  public MappedIterator(CloseableIterator<T> source, Function<? super T, ? extends R> f) {
    this.source = source;
    this.f = f;
  }

  @Override
  public boolean hasNext() {
    return source.hasNext();
  }

  @Override
  public R next() {
    return f.apply(source.next());
  }

  @Override
  public void close() {
    source.close();
  }
}
