package io.nereid.gremlin.structure;

import io.nereid.graph.GraphTxn;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;

/**
 * A vertex or an edge: a handle (internal id, external id, label) that reads and writes through the
 * calling thread's transaction, so an element can be passed between threads and transactions as
 * TinkerPop expects. Equality is by id, as {@link ElementHelper} defines it.
 */
abstract class NereidElement implements Element {

  final NereidGraph graph;
  final long internalId;
  final String externalId;
  final String label;

  NereidElement(NereidGraph graph, long internalId, String externalId, String label) {
    this.graph = graph;
    this.internalId = internalId;
    this.externalId = externalId;
    this.label = label;
  }

  /** The internal id, for the graph-layer API. */
  public long internalId() {
    return internalId;
  }

  @Override
  public Object id() {
    return externalId;
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public NereidGraph graph() {
    return graph;
  }

  GraphTxn txn() {
    return graph.tx().txn();
  }

  @Override
  public boolean equals(Object other) {
    return ElementHelper.areEqual(this, other);
  }

  @Override
  public int hashCode() {
    return ElementHelper.hashCode(this);
  }
}
