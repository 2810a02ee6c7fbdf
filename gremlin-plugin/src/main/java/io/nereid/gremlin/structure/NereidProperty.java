package io.nereid.gremlin.structure;

import java.util.NoSuchElementException;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Property;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/** A property of an edge, or a meta-property of a vertex property. */
public final class NereidProperty<V> implements Property<V> {

  private final Element owner;
  private final String key;
  private final V value;

  NereidProperty(Element owner, String key, V value) {
    this.owner = owner;
    this.key = key;
    this.value = value;
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
  public Element element() {
    return owner;
  }

  @Override
  public void remove() {
    if (owner instanceof NereidEdge e) {
      e.removeProperty(key);
    } else {
      ((NereidVertexProperty<?>) owner).removeProperty(key);
    }
  }

  @Override
  public boolean equals(Object other) {
    return ElementHelper.areEqual(this, other);
  }

  @Override
  public int hashCode() {
    return ElementHelper.hashCode(this);
  }

  @Override
  public String toString() {
    return StringFactory.propertyString(this);
  }
}
