package io.nereid.graph.load;

import java.util.List;

/** One parsed data row of a vertex or edge file, with the line it starts on. */
public sealed interface LoadRow permits LoadRow.VertexRow, LoadRow.EdgeRow {

  long line();

  String id();

  List<PropertyValue> properties();

  /**
   * A vertex row. {@code labels} is empty when the row gives none (no {@code ~label} column or a
   * blank field): the vertex gets Neptune's default label {@code vertex} if the row creates it.
   */
  record VertexRow(long line, String id, List<String> labels, List<PropertyValue> properties)
      implements LoadRow {}

  /** An edge row; {@code label} is {@code edge} when the row gives none. */
  record EdgeRow(
      long line, String id, String from, String to, String label, List<PropertyValue> properties)
      implements LoadRow {}
}
