package io.nereid.kv;

import java.util.Iterator;

/**
 * A lazy iterator over a key range. It holds an LMDB cursor until {@link #hasNext()} returns false
 * or it is closed; closing twice is harmless.
 */
public interface KvIterator extends Iterator<KvEntry>, AutoCloseable {
  @Override
  void close();
}
