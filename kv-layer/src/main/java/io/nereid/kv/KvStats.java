package io.nereid.kv;

/** A point-in-time reading of a store's counters. */
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
