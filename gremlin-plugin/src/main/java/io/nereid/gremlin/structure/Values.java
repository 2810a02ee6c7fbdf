package io.nereid.gremlin.structure;

import io.nereid.graph.Cardinality;
import io.nereid.graph.value.ValueType;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Property;
import org.apache.tinkerpop.gremlin.structure.VertexProperty;

/** Conversions between TinkerPop's vocabulary and the graph-layer's. */
final class Values {
  private Values() {}

  /** Throws TinkerPop's exception for a value type the store cannot hold. */
  static void check(Object value) {
    if (!ValueType.isSupported(value)) {
      throw Property.Exceptions.dataTypeOfPropertyValueNotSupported(value);
    }
  }

  static Cardinality cardinality(VertexProperty.Cardinality c) {
    return switch (c) {
      case single -> Cardinality.SINGLE;
      case list -> Cardinality.LIST;
      case set -> Cardinality.SET;
    };
  }

  static io.nereid.graph.Direction direction(Direction d) {
    return switch (d) {
      case OUT -> io.nereid.graph.Direction.OUT;
      case IN -> io.nereid.graph.Direction.IN;
      case BOTH -> io.nereid.graph.Direction.BOTH;
    };
  }
}
