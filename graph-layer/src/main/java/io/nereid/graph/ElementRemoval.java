package io.nereid.graph;

import static io.nereid.graph.quad.KeyOrder.OSGP;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.scan.LongSet;
import io.nereid.kv.KvEntry;
import io.nereid.kv.WriteTxn;
import java.util.List;

/**
 * Cascading deletes inside one transaction: a vertex takes its properties (with their
 * meta-properties) and all its edges (with their properties) along; an edge takes its properties; a
 * vertex property its meta-properties. Each removed quad leaves all four orders, and every
 * statistic it contributed to is decremented.
 *
 * <p>The facts to remove are read into a list before deleting, rather than deleting under an open
 * scan of the same range.
 */
final class ElementRemoval {

  private final GraphTxn g;
  private final WriteTxn txn;
  private final QuadWriter quads;

  ElementRemoval(GraphTxn g, WriteTxn txn, QuadWriter quads) {
    this.g = g;
    this.txn = txn;
    this.quads = quads;
  }

  void vertex(long v) {
    List<KvEntry> facts = facts(QuadPattern.subject(v));
    // The label quad sorts first among a vertex's facts (QuadKind.LABEL has the lowest code).
    if (facts.isEmpty() || SPOG.decode(facts.get(0).key()).kind() != QuadKind.LABEL) {
      throw new ElementNotFoundException("no vertex " + v);
    }
    KvEntry record = facts.get(0);
    LongSet removedEdges = new LongSet();
    for (KvEntry e : facts.subList(1, facts.size())) {
      Quad q = SPOG.decode(e.key());
      switch (q.kind()) {
        case VERTEX_PROPERTY -> vertexProperty(q);
        case EDGE -> {
          edge(q, e.value());
          removedEdges.add(q.g());
        }
        default -> throw new IllegalStateException("unexpected fact of vertex " + v + ": " + q);
      }
    }
    List<KvEntry> inEdges =
        g.scans.prefix(OSGP, g.partitioner.ofId(v), OSGP.prefix(QuadPattern.any().oId(v))).toList();
    for (KvEntry e : inEdges) {
      Quad q = OSGP.decode(e.key());
      if (removedEdges.add(q.g())) {
        edge(q, e.value());
      }
    }
    Quad label = SPOG.decode(record.key());
    quads.delete(label);
    g.store.externalIds().delete(txn, ExternalIds.Kind.VERTEX, GraphReader.utf8(record.value()));
    g.statistics.vertexAdded(txn, v, label.objectId(), -1);
  }

  void edge(Quad edge, byte[] externalId) {
    ownedProperties(edge.g(), QuadKind.EDGE_PROPERTY, -1);
    quads.delete(edge);
    g.store.externalIds().delete(txn, ExternalIds.Kind.EDGE, GraphReader.utf8(externalId));
    g.statistics.edgeAdded(txn, edge.s(), edge.p(), edge.objectId(), -1);
  }

  void vertexProperty(Quad property) {
    ownedProperties(property.g(), QuadKind.META_PROPERTY, -1);
    quads.delete(property);
    g.statistics.propertyAdded(txn, property.s(), QuadKind.VERTEX_PROPERTY, property.p(), -1);
  }

  /** Removes every value of a vertex property key; returns how many there were. */
  int vertexProperties(long v, long key) {
    List<KvEntry> found = facts(QuadPattern.subject(v).kind(QuadKind.VERTEX_PROPERTY).p(key));
    for (KvEntry e : found) {
      vertexProperty(SPOG.decode(e.key()));
    }
    return found.size();
  }

  /**
   * Removes the edge properties or meta-properties of {@code owner} with key {@code key} (all keys
   * if -1); returns how many there were.
   */
  int ownedProperties(long owner, QuadKind kind, long key) {
    QuadPattern pattern = QuadPattern.subject(owner).kind(kind);
    List<KvEntry> found = facts(key < 0 ? pattern : pattern.p(key));
    for (KvEntry e : found) {
      Quad q = SPOG.decode(e.key());
      quads.delete(q);
      g.statistics.propertyAdded(txn, owner, kind, q.p(), -1);
    }
    return found.size();
  }

  private List<KvEntry> facts(QuadPattern pattern) {
    return g.subjectScan(pattern).toList();
  }
}
