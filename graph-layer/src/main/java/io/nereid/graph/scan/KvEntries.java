package io.nereid.graph.scan;

import io.nereid.graph.CloseableIterator;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;

/** Adapts a kv cursor; the cursor is released on exhaustion or close. */
public final class KvEntries implements CloseableIterator<KvEntry> {

  private final KvIterator cursor;
  private boolean closed;

  public KvEntries(KvIterator cursor) {
    this.cursor = cursor;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (!cursor.hasNext()) {
      close();
      return false;
    }
    return true;
  }

  @Override
  public KvEntry next() {
    if (closed) {
      throw new java.util.NoSuchElementException();
    }
    return cursor.next();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      cursor.close();
    }
  }
}
