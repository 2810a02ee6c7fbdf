package io.nereid.gremlin.structure;

import io.nereid.graph.DuplicateIdException;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.ElementNotFoundException;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.VertexPropertyRecord;
import io.nereid.graph.VertexRecord;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/** A vertex handle; see {@link NereidElement}. */
public final class NereidVertex extends NereidElement implements Vertex {

  NereidVertex(NereidGraph graph, VertexRecord r) {
    super(graph, r.id(), r.externalId(), r.label());
  }

  @Override
  public Edge addEdge(String label, Vertex inVertex, Object... keyValues) {
    if (inVertex == null) {
      throw Graph.Exceptions.argumentCanNotBeNull("inVertex");
    }
    ElementHelper.validateLabel(label);
    ElementHelper.legalPropertyKeyValueArray(keyValues);
    String id = Ids.userSupplied(keyValues, Edge.class);
    NereidVertex in = graph.attached(inVertex);
    GraphTxn t = txn();
    EdgeRecord e;
    try {
      e = t.addEdge(id, internalId, label, in.internalId);
    } catch (DuplicateIdException x) {
      throw Graph.Exceptions.edgeWithIdAlreadyExists(id);
    } catch (ElementNotFoundException x) {
      boolean outMissing = !t.vertexExists(internalId);
      throw elementAlreadyRemoved(outMissing ? externalId : in.externalId);
    }
    NereidEdge edge = new NereidEdge(graph, e);
    ElementHelper.attachProperties(edge, keyValues);
    return edge;
  }

  @Override
  public <V> VertexProperty<V> property(
      VertexProperty.Cardinality cardinality, String key, V value, Object... keyValues) {
    ElementHelper.legalPropertyKeyValueArray(keyValues);
    ElementHelper.validateProperty(key, value);
    if (ElementHelper.getIdValue(keyValues).isPresent()) {
      throw VertexProperty.Exceptions.userSuppliedIdsNotSupported();
    }
    VertexProperty.Cardinality card =
        cardinality != null ? cardinality : graph.features().vertex().getCardinality(key);
    GraphTxn t = txn();
    if (!t.vertexExists(internalId)) {
      throw elementAlreadyRemoved(externalId);
    }
    if (value == null) {
      // Null values are not stored: under single cardinality, setting null removes the key.
      if (card == VertexProperty.Cardinality.single) {
        t.removeVertexProperties(internalId, key);
      }
      return VertexProperty.empty();
    }
    Values.check(value);
    long id = t.addVertexProperty(internalId, Values.cardinality(card), key, value);
    NereidVertexProperty<V> vp = new NereidVertexProperty<>(this, id, key, value);
    ElementHelper.attachProperties(vp, keyValues);
    return vp;
  }

  @Override
  public <V> VertexProperty<V> property(String key) {
    Iterator<VertexProperty<V>> it = properties(key);
    try {
      if (!it.hasNext()) {
        return VertexProperty.empty();
      }
      VertexProperty<V> first = it.next();
      if (it.hasNext()) {
        throw Vertex.Exceptions.multiplePropertiesExistForProvidedKey(key);
      }
      return first;
    } finally {
      NereidGraph.closeIterator(it);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <V> Iterator<VertexProperty<V>> properties(String... keys) {
    GraphTxn t = txn();
    if (keys.length == 1) {
      if (keys[0] == null) {
        return NereidIterator.of(List.<VertexProperty<V>>of().iterator());
      }
      return NereidIterator.of(t.vertexProperties(internalId, keys[0]).map(this::<V>property));
    }
    io.nereid.graph.CloseableIterator<VertexPropertyRecord> all = t.vertexProperties(internalId);
    if (keys.length > 1) {
      List<String> wanted = Arrays.asList(keys);
      all = all.filter(p -> wanted.contains(p.key()));
    }
    return NereidIterator.of(all.map(this::<V>property));
  }

  @SuppressWarnings("unchecked")
  private <V> VertexProperty<V> property(VertexPropertyRecord r) {
    return new NereidVertexProperty<>(this, r.id(), r.key(), (V) r.value());
  }

  @Override
  public Iterator<Edge> edges(Direction direction, String... labels) {
    return NereidIterator.of(
        txn()
            .edgesOf(internalId, Values.direction(direction), labels)
            .map(e -> (Edge) new NereidEdge(graph, e)));
  }

  @Override
  public Iterator<Vertex> vertices(Direction direction, String... labels) {
    return NereidIterator.of(
        txn()
            .neighbors(internalId, Values.direction(direction), labels)
            .map(v -> (Vertex) new NereidVertex(graph, v)));
  }

  @Override
  public void remove() {
    GraphTxn t = txn();
    if (t.vertexExists(internalId)) {
      t.removeVertex(internalId);
    }
  }

  /** The record, if the vertex still exists in this thread's transaction. */
  Optional<VertexRecord> record() {
    return txn().vertex(internalId);
  }

  private static IllegalStateException elementAlreadyRemoved(Object id) {
    return Ids.removed(
        Vertex.class, id);
  }

  @Override
  public String toString() {
    return StringFactory.vertexString(this);
  }
}
