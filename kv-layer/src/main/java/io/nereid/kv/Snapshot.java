package io.nereid.kv;

/**
 * A read view over all partitions as of one commit: a commit that touched several partitions is
 * visible in all of them or in none. Usable from any thread, one thread at a time per iterator.
 * Close it deterministically: it pins LMDB pages until then.
 */
public interface Snapshot extends KvReader, AutoCloseable {
  @Override
  void close();
}
