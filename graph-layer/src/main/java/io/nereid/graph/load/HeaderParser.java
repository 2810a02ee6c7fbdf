package io.nereid.graph.load;

import io.nereid.graph.Cardinality;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the header row of a Gremlin CSV file (Neptune's rules). System columns are
 * case-sensitive and may appear once each; a vertex file needs {@code ~id}; an edge file needs
 * {@code ~id}, {@code ~from} and {@code ~to}; unknown {@code ~} columns are errors. Property
 * headers are {@code name[:Type[(single|set)][[]]]} with a case-insensitive type; a header without
 * a type is a String column (Neptune accepts it so); {@code \:} is a colon inside the name. Edge
 * properties are single-valued: no arrays, no {@code (set)}. Every problem is a PARSING_ERROR on
 * line 1 and fails the whole file, since no row of it could be read correctly.
 */
public final class HeaderParser {

  private HeaderParser() {}

  public static FileHeader parse(CsvRecord header) {
    int id = -1;
    int label = -1;
    int from = -1;
    int to = -1;
    List<String[]> props = new ArrayList<>(); // {index, raw}
    Set<String> names = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h == null || h.isEmpty()) {
        throw error(header, "column " + (i + 1) + " has an empty header");
      }
      if (h.startsWith("~")) {
        switch (h) {
          case "~id" -> id = once(header, id, i, h);
          case "~label" -> label = once(header, label, i, h);
          case "~from" -> from = once(header, from, i, h);
          case "~to" -> to = once(header, to, i, h);
          default -> throw error(header, "unknown system column '" + h + "' (column " + (i + 1)
              + "); system columns are ~id, ~label, ~from, ~to");
        }
      } else {
        props.add(new String[] {Integer.toString(i), h});
      }
    }
    boolean edge = from >= 0 || to >= 0;
    if (edge && (from < 0 || to < 0)) {
      throw error(header, "an edge file needs both ~from and ~to");
    }
    if (id < 0) {
      throw error(header, "the header has no ~id column");
    }
    List<PropertyColumn> columns = new ArrayList<>();
    for (String[] p : props) {
      PropertyColumn c = property(header, Integer.parseInt(p[0]), p[1], edge);
      if (!names.add(c.name())) {
        throw error(header, "property '" + c.name() + "' appears in two columns");
      }
      columns.add(c);
    }
    return new FileHeader(
        edge ? FileHeader.Kind.EDGE : FileHeader.Kind.VERTEX,
        header.size(), id, label, from, to, List.copyOf(columns));
  }

  private static int once(CsvRecord header, int seen, int i, String name) {
    if (seen >= 0) {
      throw error(header, "system column " + name + " appears twice (columns " + (seen + 1)
          + " and " + (i + 1) + ")");
    }
    return i;
  }

  static PropertyColumn property(CsvRecord header, int index, String raw, boolean edge) {
    StringBuilder name = new StringBuilder();
    int i = 0;
    for (; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == ':') {
        name.append(':');
        i++;
      } else if (c == ':') {
        break;
      } else {
        name.append(c);
      }
    }
    String where = "column " + (index + 1) + " ('" + raw + "')";
    if (name.length() == 0) {
      throw error(header, where + ": empty property name");
    }
    String spec = i < raw.length() ? raw.substring(i + 1) : "String";
    boolean array = spec.endsWith("[]");
    if (array) {
      spec = spec.substring(0, spec.length() - 2);
    }
    Cardinality card = null;
    int paren = spec.indexOf('(');
    if (paren >= 0) {
      if (!spec.endsWith(")")) {
        throw error(header, where + ": malformed cardinality");
      }
      String c = spec.substring(paren + 1, spec.length() - 1).toLowerCase(Locale.ROOT);
      card = switch (c) {
        case "single" -> Cardinality.SINGLE;
        case "set" -> Cardinality.SET;
        default -> throw error(header, where + ": unknown cardinality '" + c
            + "' (single or set)");
      };
      spec = spec.substring(0, paren);
    }
    DataType type = DataType.ofName(spec);
    if (type == null) {
      throw error(header, where + ": unknown type '" + spec + "' (Bool, Byte, Short, Int, Long,"
          + " Float, Double, String, Date)");
    }
    if (array && card == Cardinality.SINGLE) {
      throw error(header, where + ": an array column cannot have single cardinality");
    }
    if (edge && (array || card == Cardinality.SET)) {
      throw error(header, where + ": edge properties are single-valued (no arrays, no set)");
    }
    if (edge || card == null) {
      card = edge ? Cardinality.SINGLE : Cardinality.SET;
    }
    return new PropertyColumn(index, name.toString(), type, array, card);
  }

  private static LoadException error(CsvRecord header, String message) {
    return new LoadException(LoadErrorCode.PARSING_ERROR, header.line(), "bad header: " + message);
  }
}
