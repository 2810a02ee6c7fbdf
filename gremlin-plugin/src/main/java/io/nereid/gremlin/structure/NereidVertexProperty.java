package io.nereid.gremlin.structure;

import io.nereid.graph.ElementNotFoundException;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.PropertyRecord;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Property;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/**
 * One value of a vertex property, identified by its store-generated instance id (a Long). Its own
 * properties are meta-properties.
 */
public final class NereidVertexProperty<V> implements VertexProperty<V> {

  private final NereidVertex vertex;
  private final long id;
  private final String key;
  private final V value;

  NereidVertexProperty(NereidVertex vertex, long id, String key, V value) {
    this.vertex = vertex;
    this.id = id;
    this.key = key;
    this.value = value;
  }

  @Override
  public Object id() {
    return id;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public V value() throws NoSuchElementException {
    return value;
  }

  @Override
  public boolean isPresent() {
    return true;
  }

  @Override
  public Vertex element() {
    return vertex;
  }

  @Override
  public <U> Property<U> property(String metaKey, U metaValue) {
    ElementHelper.validateProperty(metaKey, metaValue);
    GraphTxn t = vertex.txn();
    try {
      if (metaValue == null) {
        t.removeMetaProperty(id, metaKey);
        return Property.empty();
      }
      Values.check(metaValue);
      t.setMetaProperty(id, metaKey, metaValue);
    } catch (ElementNotFoundException e) {
      throw Ids.removed(VertexProperty.class, id);
    }
    return new NereidProperty<>(this, metaKey, metaValue);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> Property<U> property(String metaKey) {
    return vertex
        .txn()
        .metaProperty(id, metaKey)
        .map(v -> (Property<U>) new NereidProperty<>(this, metaKey, (U) v))
        .orElse(Property.empty());
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U> Iterator<Property<U>> properties(String... keys) {
    io.nereid.graph.CloseableIterator<PropertyRecord> all = vertex.txn().metaProperties(id);
    if (keys.length > 0) {
      List<String> wanted = Arrays.asList(keys);
      all = all.filter(p -> wanted.contains(p.key()));
    }
    return NereidIterator.of(all.map(p -> (Property<U>) new NereidProperty<>(this, p.key(), (U) p.value())));
  }

  void removeProperty(String metaKey) {
    try {
      vertex.txn().removeMetaProperty(id, metaKey);
    } catch (ElementNotFoundException e) {
      // The vertex property is gone, and its meta-properties with it.
    }
  }

  @Override
  public void remove() {
    GraphTxn t = vertex.txn();
    if (t.vertexProperty(id).isPresent()) {
      t.removeVertexProperty(id);
    }
  }

  @Override
  public boolean equals(Object other) {
    return ElementHelper.areEqual(this, other);
  }

  @Override
  public int hashCode() {
    return ElementHelper.hashCode((Element) this);
  }

  @Override
  public String toString() {
    return StringFactory.propertyString(this);
  }
}
