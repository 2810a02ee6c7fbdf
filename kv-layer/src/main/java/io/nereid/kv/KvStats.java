package io.nereid.kv;

/**
 * A point-in-time reading of a store's counters. {@code checkpoints} counts both kinds: of the log
 * (which also checkpoints every partition once) and of single partitions.
 */
public record KvStats(
    long openCursors,
    long openSnapshots,
    long commits,
    long conflicts,
    long walSyncs,
    long checkpoints,
    long mapGrowths) {

  /** Average number of commits that shared one log fsync. */
  public double commitsPerSync() {
    return walSyncs == 0 ? 0 : (double) commits / walSyncs;
  }
}
