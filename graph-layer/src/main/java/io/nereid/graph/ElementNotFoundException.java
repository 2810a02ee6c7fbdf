package io.nereid.graph;

/** A mutation named a vertex, edge or vertex property that does not exist (any more). */
public class ElementNotFoundException extends GraphException {
  public ElementNotFoundException(String message) {
    super(message);
  }
}
