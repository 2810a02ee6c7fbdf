package io.nereid.gremlin.structure;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.tinkerpop.gremlin.structure.util.CloseableIterator;
import org.apache.tinkerpop.gremlin.util.iterator.StoreIteratorCounter;

/**
 * A result iterator that is closed (releasing its kv cursors) as soon as it is exhausted; it reads
 * one element ahead so that the last {@code next()} already releases the cursor. Results of graph
 * scans ({@code g.V()}, {@code graph.vertices()}) are counted in TinkerPop's {@link
 * StoreIteratorCounter} while open, as TinkerGraph counts its own; iterators over one element's
 * properties or edges are not (their cursors are closed with the transaction in any case).
 */
public final class NereidIterator<E> implements CloseableIterator<E> {

  static final boolean DEBUG = Boolean.getBoolean("nereid.debugLeaks");
  public static final java.util.Map<Object, Throwable> OPEN = new java.util.concurrent.ConcurrentHashMap<>();
  private final Iterator<E> source;
  private final AutoCloseable resource;
  private final boolean counted;
  private NereidTransaction owner;
  private E next;
  private boolean finished;

  private NereidIterator(Iterator<E> source, AutoCloseable resource, boolean counted) {
    this.source = source;
    this.resource = resource;
    this.counted = counted;
    if (counted) {
      StoreIteratorCounter.INSTANCE.increment();
      if (DEBUG) OPEN.put(this, new Throwable("opened here"));
    }
    advance();
  }

  /** An element-level result (properties, incident edges, neighbours): not counted. */
  public static <E> NereidIterator<E> of(io.nereid.graph.CloseableIterator<E> source) {
    return new NereidIterator<>(source, source, false);
  }

  /** An in-memory result: not counted. */
  public static <E> NereidIterator<E> of(Iterator<E> source) {
    return new NereidIterator<>(source, null, false);
  }

  /**
   * A graph-level scan: counted by TinkerPop's leak check until exhausted or closed, and closed with
   * the transaction it reads in ({@code owner}) at the latest, since its cursors die with it.
   */
  public static <E> NereidIterator<E> scan(
      io.nereid.graph.CloseableIterator<E> source, NereidTransaction owner) {
    return new NereidIterator<>(source, source, true).ownedBy(owner);
  }

  /** A graph-level lookup answered in memory (by ids): counted, like a scan. */
  public static <E> NereidIterator<E> lookup(Iterator<E> source, NereidTransaction owner) {
    return new NereidIterator<>(source, null, true).ownedBy(owner);
  }

  private NereidIterator<E> ownedBy(NereidTransaction tx) {
    if (!finished) {
      owner = tx;
      tx.track(this);
    }
    return this;
  }

  private void advance() {
    if (finished) {
      return;
    }
    try {
      if (source.hasNext()) {
        next = source.next();
        return;
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    close();
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public E next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    E e = next;
    next = null;
    advance();
    return e;
  }

  @Override
  public void close() {
    if (!finished) {
      finished = true;
      next = null;
      if (counted) {
        StoreIteratorCounter.INSTANCE.decrement();
        if (DEBUG) OPEN.remove(this);
      }
      if (owner != null) {
        owner.untrack(this);
      }
      if (resource != null) {
        try {
          resource.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close a scan: " + e.getMessage(), e);
        }
      }
    }
  }
}
