package io.nereid.graph;

import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.Quad;
import io.nereid.kv.WriteTxn;

/**
 * Writes a quad to every key order that holds it, each in its own partition, within one kv
 * transaction, so the four orders can never disagree after a commit.
 */
final class QuadWriter {

  static final byte[] EMPTY = new byte[0];

  private final WriteTxn txn;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;

  QuadWriter(WriteTxn txn, GraphSpaces spaces, Partitioner partitioner) {
    this.txn = txn;
    this.spaces = spaces;
    this.partitioner = partitioner;
  }

  /**
   * Puts the quad into SPOG, POGS and, when they hold it, GPSO and OSGP. {@code pogsValue} goes to
   * POGS, {@code value} to the others.
   */
  void put(Quad q, byte[] value, byte[] pogsValue) {
    for (KeyOrder order : KeyOrder.values()) {
      if (order.holds(q)) {
        byte[] v = order == KeyOrder.POGS ? pogsValue : value;
        txn.put(order.partitionOf(q, partitioner), spaces.of(order), order.key(q), v);
      }
    }
  }

  void delete(Quad q) {
    for (KeyOrder order : KeyOrder.values()) {
      if (order.holds(q)) {
        txn.delete(order.partitionOf(q, partitioner), spaces.of(order), order.key(q));
      }
    }
  }

  /**
   * Re-writes the quad's SPOG entry with its current value. The kv-layer detects write-write
   * conflicts only, so a transaction that attaches something to an element (an edge to a vertex, a
   * property to a vertex or edge, a meta-property to a vertex property) touches the element's
   * record: a concurrent transaction that deletes the element then conflicts with it, and no
   * dangling edge or orphaned property can be committed. The price is that concurrent writers
   * attaching to the same element conflict with each other too (see docs/STORAGE.md).
   */
  void touch(Quad q, byte[] value) {
    txn.put(KeyOrder.SPOG.partitionOf(q, partitioner), spaces.spog(), KeyOrder.SPOG.key(q), value);
  }
}
