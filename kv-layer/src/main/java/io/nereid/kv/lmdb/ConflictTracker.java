package io.nereid.kv.lmdb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First-committer-wins detection of write-write conflicts: remembers, for each key written by a
 * recent commit, the sequence number of the last commit that wrote it. A transaction that began at
 * sequence {@code s} conflicts if any key it writes was written by a commit after {@code s}.
 * Counter additions commute and are not tracked. Entries older than every open transaction are
 * pruned. Guarded by the commit pipeline's sequencer lock.
 */
final class ConflictTracker {

  private final Map<KeyRef, Long> lastWrite = new HashMap<>();

  /** The first key of {@code writes} written after {@code startSeq}, or null. */
  Mutation firstConflict(List<Mutation> writes, long startSeq) {
    if (lastWrite.isEmpty()) {
      return null;
    }
    for (Mutation m : writes) {
      if (m.kind() != Mutation.ADD) {
        Long seq = lastWrite.get(new KeyRef(m));
        if (seq != null && seq > startSeq) {
          return m;
        }
      }
    }
    return null;
  }

  /** Sequence of the last tracked commit that wrote the key of {@code m}, or 0. */
  long lastWrite(Mutation m) {
    Long seq = lastWrite.get(new KeyRef(m));
    return seq == null ? 0 : seq;
  }

  void record(List<Mutation> writes, long seq) {
    for (Mutation m : writes) {
      if (m.kind() != Mutation.ADD) {
        lastWrite.put(new KeyRef(m), seq);
      }
    }
  }

  /** Forgets writes at or before {@code horizon}: no open or future transaction began before. */
  void prune(long horizon) {
    lastWrite.values().removeIf(seq -> seq <= horizon);
  }

  int size() {
    return lastWrite.size();
  }

  /** A key with its partition and key space, compared by content. */
  private static final class KeyRef {
    private final int partition;
    private final int space;
    private final byte[] key;
    private final int hash;

    KeyRef(Mutation m) {
      this.partition = m.partition();
      this.space = m.space();
      this.key = m.key();
      this.hash = (Arrays.hashCode(key) * 31 + partition) * 31 + space;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyRef r
          && r.hash == hash
          && r.partition == partition
          && r.space == space
          && Arrays.equals(r.key, key);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
