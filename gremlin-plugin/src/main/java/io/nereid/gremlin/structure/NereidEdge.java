package io.nereid.gremlin.structure;

import io.nereid.graph.EdgeRecord;
import io.nereid.graph.ElementNotFoundException;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.PropertyRecord;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Property;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/** An edge handle; knows its end vertices' internal ids. See {@link NereidElement}. */
public final class NereidEdge extends NereidElement implements Edge {

  final long outId;
  final long inId;

  NereidEdge(NereidGraph graph, EdgeRecord r) {
    super(graph, r.id(), r.externalId(), r.label());
    this.outId = r.outVertexId();
    this.inId = r.inVertexId();
  }

  @Override
  public Iterator<Vertex> vertices(Direction direction) {
    GraphTxn t = txn();
    List<Vertex> ends =
        switch (direction) {
          case OUT -> List.of(graph.vertexOf(t, outId));
          case IN -> List.of(graph.vertexOf(t, inId));
          default -> List.of(graph.vertexOf(t, outId), graph.vertexOf(t, inId));
        };
    return NereidIterator.of(ends.iterator());
  }

  @Override
  public <V> Property<V> property(String key, V value) {
    ElementHelper.validateProperty(key, value);
    GraphTxn t = txn();
    try {
      if (value == null) {
        t.removeEdgeProperty(internalId, key); // null values are not stored: null removes
        return Property.empty();
      }
      Values.check(value);
      t.setEdgeProperty(internalId, key, value);
    } catch (ElementNotFoundException e) {
      throw Ids.removed(Edge.class, externalId);
    }
    return new NereidProperty<>(this, key, value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Property<V> property(String key) {
    return txn()
        .edgeProperty(internalId, key)
        .map(v -> (Property<V>) new NereidProperty<>(this, key, (V) v))
        .orElse(Property.empty());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Iterator<Property<V>> properties(String... keys) {
    io.nereid.graph.CloseableIterator<PropertyRecord> all = txn().edgeProperties(internalId);
    if (keys.length > 0) {
      List<String> wanted = Arrays.asList(keys);
      all = all.filter(p -> wanted.contains(p.key()));
    }
    return NereidIterator.of(all.map(p -> (Property<V>) new NereidProperty<>(this, p.key(), (V) p.value())));
  }

  /** Removes a property of this edge (called by {@link NereidProperty#remove()}). */
  void removeProperty(String key) {
    try {
      txn().removeEdgeProperty(internalId, key);
    } catch (ElementNotFoundException e) {
      // The edge is gone, and its properties with it.
    }
  }

  @Override
  public void remove() {
    GraphTxn t = txn();
    if (t.edge(internalId).isPresent()) {
      t.removeEdge(internalId);
    }
  }

  @Override
  public String toString() {
    return StringFactory.edgeString(this);
  }
}
