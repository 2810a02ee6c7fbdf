package io.nereid.kv.lmdb;

import io.nereid.kv.ByteKeys;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A transaction's view of a range: its buffered mutations laid over the snapshot's entries. Where
 * both have a key the buffer decides: a put replaces, a delete hides, an addition adds to the
 * snapshot's counter.
 */
final class MergingIterator implements KvIterator {

  private final Iterator<Mutation> buffered;
  private final KvIterator stored;
  private final boolean reverse;
  private Mutation pendingMutation;
  private KvEntry pendingEntry;
  private KvEntry next;

  MergingIterator(Iterator<Mutation> buffered, KvIterator stored, boolean reverse) {
    this.buffered = buffered;
    this.stored = stored;
    this.reverse = reverse;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (pendingMutation == null && buffered.hasNext()) {
        pendingMutation = buffered.next();
      }
      if (pendingEntry == null && stored.hasNext()) {
        pendingEntry = stored.next();
      }
      if (pendingMutation == null && pendingEntry == null) {
        return false;
      }
      int c = order();
      if (c < 0) {
        next = resolve(pendingMutation, null);
        pendingMutation = null;
      } else if (c > 0) {
        next = pendingEntry;
        pendingEntry = null;
      } else {
        next = resolve(pendingMutation, pendingEntry.value());
        pendingMutation = null;
        pendingEntry = null;
      }
    }
    return true;
  }

  /** Negative when the buffered mutation comes first in scan order, positive when the entry does. */
  private int order() {
    if (pendingMutation == null) {
      return 1;
    }
    if (pendingEntry == null) {
      return -1;
    }
    int c = ByteKeys.compare(pendingMutation.key(), pendingEntry.key());
    return reverse ? -c : c;
  }

  /** The entry a mutation leaves over a stored value (null value: nothing stored); null if none. */
  static KvEntry resolve(Mutation m, byte[] storedValue) {
    byte[] v = effectiveValue(m, storedValue);
    return v == null ? null : new KvEntry(m.key().clone(), v);
  }

  static byte[] effectiveValue(Mutation m, byte[] storedValue) {
    switch (m.kind()) {
      case Mutation.PUT:
        return m.value().clone(); // the caller's own copy: the buffer's must stay unchanged
      case Mutation.DELETE:
        return null;
      default:
        long sum = Counters.decode(storedValue) + m.delta();
        return sum == 0 ? null : Counters.encode(sum);
    }
  }

  @Override
  public KvEntry next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    KvEntry e = next;
    next = null;
    return e;
  }

  @Override
  public void close() {
    stored.close();
  }
}
