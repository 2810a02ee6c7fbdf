package io.nereid.graph;

import io.nereid.kv.Snapshot;

/**
 * A read-only view of one commit. Global scans read partitions in parallel. Close the iterators you
 * opened before closing the snapshot.
 */
public final class GraphSnapshot extends GraphReader implements AutoCloseable {

  private final Snapshot snapshot;

  GraphSnapshot(GraphStore store, Snapshot snapshot) {
    super(store, snapshot, true);
    this.snapshot = snapshot;
  }

  /** The commit sequence number this view reads at. */
  public long readSeq() {
    return snapshot.readSeq();
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
