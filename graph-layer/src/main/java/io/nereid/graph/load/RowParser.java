package io.nereid.graph.load;

import io.nereid.graph.load.LoadRow.EdgeRow;
import io.nereid.graph.load.LoadRow.VertexRow;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a CSV record into a {@link LoadRow} under its file's header. A problem with the row as a
 * whole (column count, a blank required system column, an empty label) throws a PARSING_ERROR and
 * the row is skipped. A value that does not fit its type is a DATATYPE_MISMATCH for that statement
 * only: it is added to {@code valueErrors} and the rest of the row loads (Neptune counts records
 * per statement, and skips the bad ones).
 */
public final class RowParser {

  public static final String DEFAULT_VERTEX_LABEL = "vertex";
  public static final String DEFAULT_EDGE_LABEL = "edge";

  private final FileHeader header;
  private final boolean allowEmptyStrings;
  /**
   * The last label field and what it gave: consecutive rows usually share their label, and the
   * loader keeps every edge's label String alive until its batch commits (one instance for all
   * spares the heap and the garbage collector a String per row).
   */
  private String lastLabelText;
  private List<String> lastLabels;

  public RowParser(FileHeader header, boolean allowEmptyStrings) {
    this.header = header;
    this.allowEmptyStrings = allowEmptyStrings;
  }

  public FileHeader header() {
    return header;
  }

  public LoadRow parse(CsvRecord r, List<LoadException> valueErrors) {
    long line = r.line();
    if (r.size() != header.columns()) {
      throw new LoadException(
          LoadErrorCode.PARSING_ERROR,
          line,
          "record has "
              + (r.size() > header.columns() ? "more" : "fewer")
              + " columns than the header ("
              + r.size()
              + " instead of "
              + header.columns()
              + ")");
    }
    String id = required(r, header.id(), "~id");
    List<PropertyValue> props = new ArrayList<>(header.properties().size());
    for (PropertyColumn c : header.properties()) {
      values(r, c, props, valueErrors);
    }
    if (header.kind() == FileHeader.Kind.VERTEX) {
      List<String> labels = List.of();
      String text = header.label() >= 0 ? r.get(header.label()) : null;
      if (text != null) {
        if (text.equals(lastLabelText)) {
          labels = lastLabels;
        } else {
          labels = split(text);
          if (labels.isEmpty() || text.isEmpty()) {
            throw new LoadException(LoadErrorCode.PARSING_ERROR, line, "empty ~label");
          }
          labels = List.copyOf(labels);
          lastLabelText = text;
          lastLabels = labels;
        }
      }
      return new VertexRow(line, id, labels, props);
    }
    String label = DEFAULT_EDGE_LABEL;
    if (header.label() >= 0 && r.get(header.label()) != null) {
      label = r.get(header.label());
      if (label.isEmpty()) {
        throw new LoadException(LoadErrorCode.PARSING_ERROR, line, "empty ~label");
      }
      if (label.equals(lastLabelText)) {
        label = lastLabelText;
      } else {
        lastLabelText = label;
      }
    }
    return new EdgeRow(
        line, id, required(r, header.from(), "~from"), required(r, header.to(), "~to"), label,
        props);
  }

  /** A system column value; blank is an error, a quoted empty string is a valid id. */
  private static String required(CsvRecord r, int col, String name) {
    String v = r.get(col);
    if (v == null) {
      throw new LoadException(LoadErrorCode.PARSING_ERROR, r.line(), name + " is blank");
    }
    return v;
  }

  private void values(
      CsvRecord r, PropertyColumn c, List<PropertyValue> out, List<LoadException> errors) {
    String text = r.get(c.index());
    if (text == null) {
      return; // blank: no value
    }
    if (text.isEmpty()) {
      if (c.type() == DataType.STRING && allowEmptyStrings && !c.array()) {
        out.add(new PropertyValue(c.name(), c.cardinality(), ""));
      }
      return; // "" is no value unless allowEmptyStrings (and never a number or a date)
    }
    List<String> parts = c.array() ? split(text) : List.of(text);
    for (String part : parts) {
      try {
        Object v = c.type() == DataType.STRING ? part : c.type().parse(part.strip());
        out.add(new PropertyValue(c.name(), c.cardinality(), v));
      } catch (IllegalArgumentException e) {
        errors.add(
            new LoadException(
                LoadErrorCode.DATATYPE_MISMATCH,
                r.line(),
                "column " + (c.index() + 1) + " (" + c.name() + "): " + e.getMessage()));
      }
    }
  }

  /**
   * Splits a multi-valued field on {@code ;} ({@code \;} is a literal semicolon); elements are
   * trimmed and empty ones dropped.
   */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>(4);
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ';') {
        cur.append(';');
        i++;
      } else if (ch == ';') {
        addTrimmed(out, cur);
      } else {
        cur.append(ch);
      }
    }
    addTrimmed(out, cur);
    return out;
  }

  private static void addTrimmed(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
