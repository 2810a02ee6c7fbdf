package io.nereid.graph.load;

import java.util.List;

/**
 * A parsed header row. The kind follows from the system columns: {@code ~from} and {@code ~to}
 * make an edge file, otherwise it is a vertex file. Column indexes are -1 when absent.
 */
public record FileHeader(
    Kind kind, int columns, int id, int label, int from, int to, List<PropertyColumn> properties) {

  public enum Kind {
    VERTEX,
    EDGE
  }
}
