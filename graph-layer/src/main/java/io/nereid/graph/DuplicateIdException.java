package io.nereid.graph;

/** An element with that external id already exists (vertex ids and edge ids are unique). */
public class DuplicateIdException extends GraphException {
  public DuplicateIdException(String message) {
    super(message);
  }
}
