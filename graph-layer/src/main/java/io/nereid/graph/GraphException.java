package io.nereid.graph;

/** Base of the graph-layer's unchecked exceptions (kv exceptions pass through unchanged). */
public class GraphException extends RuntimeException {
  public GraphException(String message) {
    super(message);
  }
}
