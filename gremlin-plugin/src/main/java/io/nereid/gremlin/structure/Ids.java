package io.nereid.gremlin.structure;

import java.util.Optional;
import org.apache.tinkerpop.gremlin.structure.Edge;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.util.ElementHelper;

/**
 * Element ids: Strings, as in Neptune. Users may supply them (as Strings) when creating vertices and
 * edges; another type is refused with TinkerPop's exception, as the graph's features declare. Lookups
 * accept any id and use its string form, so {@code g.V(1)} finds vertex "1".
 */
final class Ids {
  private Ids() {}

  /** The user-supplied id in {@code keyValues}, or null to generate one. */
  static String userSupplied(Object[] keyValues, Class<? extends Element> type) {
    Optional<Object> id = ElementHelper.getIdValue(keyValues);
    if (id.isEmpty()) {
      return null;
    }
    if (!(id.get() instanceof String s)) {
      throw type == Edge.class
          ? Edge.Exceptions.userSuppliedIdsOfThisTypeNotSupported()
          : Vertex.Exceptions.userSuppliedIdsOfThisTypeNotSupported();
    }
    return s;
  }

  /** The exception for an operation on a removed element (TinkerPop's wording). */
  static IllegalStateException removed(Class<? extends Element> type, Object id) {
    return new IllegalStateException(String.format("%s with id %s was removed.", type.getSimpleName(), id));
  }

  /** The external id to look up for an id argument (an element or an id). */
  static String lookupKey(Object id) {
    if (id instanceof Element e) {
      return String.valueOf(e.id());
    }
    return String.valueOf(id);
  }
}
