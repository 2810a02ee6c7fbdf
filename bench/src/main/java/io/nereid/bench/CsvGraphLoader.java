package io.nereid.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;

/**
 * A small reader of Amazon Neptune Gremlin CSV files that loads them through TinkerPop's structure
 * API ({@code addVertex}, {@code addEdge}), the same code for every graph; a transactional graph
 * commits every {@code batch} elements. It is the stand-in for Nereid's bulk loader (branch {@code
 * loader}), which can replace it for Nereid behind {@link GraphLoader}.
 *
 * <p>Handles what the benchmark writes: one header row; system columns {@code ~id}, {@code ~label},
 * {@code ~from}, {@code ~to}; property columns {@code name:Type} with the types String, Bool, Byte,
 * Short, Int, Long, Float, Double (no type: String); RFC 4180 quoting within one line. Not arrays,
 * cardinalities, dates or quoted line breaks. Vertex files load before edge files; a row with an
 * empty field has no value for that column.
 */
final class CsvGraphLoader implements GraphLoader {

  private final int batch;

  CsvGraphLoader(int batch) {
    this.batch = batch;
  }

  @Override
  public Counts load(Graph graph, List<Path> files) throws IOException {
    List<Path> vertexFiles = new ArrayList<>();
    List<Path> edgeFiles = new ArrayList<>();
    for (Path f : files) {
      (isEdgeFile(header(f)) ? edgeFiles : vertexFiles).add(f);
    }
    boolean tx = graph.features().graph().supportsTransactions();
    Map<String, Vertex> vertices = new HashMap<>();
    long[] counts = new long[3]; // vertices, edges, properties
    long pending = 0;
    for (Path f : vertexFiles) {
      try (Rows rows = new Rows(f)) {
        int id = rows.column("~id");
        int label = rows.column("~label");
        while (rows.next()) {
          List<Object> kv = new ArrayList<>();
          kv.add(T.id);
          kv.add(rows.field(id));
          if (label >= 0 && !rows.field(label).isEmpty()) {
            kv.add(T.label);
            kv.add(rows.field(label));
          }
          counts[2] += rows.addProperties(kv);
          Vertex v = graph.addVertex(kv.toArray());
          vertices.put(rows.field(id), v);
          counts[0]++;
          if (tx && ++pending == batch) {
            graph.tx().commit();
            pending = 0;
          }
        }
      }
    }
    for (Path f : edgeFiles) {
      try (Rows rows = new Rows(f)) {
        int id = rows.column("~id");
        int from = rows.column("~from");
        int to = rows.column("~to");
        int label = rows.column("~label");
        while (rows.next()) {
          Vertex out = vertex(graph, vertices, rows.field(from), rows);
          Vertex in = vertex(graph, vertices, rows.field(to), rows);
          List<Object> kv = new ArrayList<>();
          kv.add(T.id);
          kv.add(rows.field(id));
          counts[2] += rows.addProperties(kv);
          String l = label >= 0 && !rows.field(label).isEmpty() ? rows.field(label) : "edge";
          out.addEdge(l, in, kv.toArray());
          counts[1]++;
          if (tx && ++pending == batch) {
            graph.tx().commit();
            pending = 0;
          }
        }
      }
    }
    if (tx) {
      graph.tx().commit();
    }
    return new Counts(counts[0], counts[1], counts[2]);
  }

  private static Vertex vertex(Graph g, Map<String, Vertex> loaded, String id, Rows rows) {
    Vertex v = loaded.get(id);
    if (v == null) {
      Iterator<Vertex> it = g.vertices(id);
      if (!it.hasNext()) {
        throw new IllegalArgumentException(rows.where() + ": no vertex " + id);
      }
      v = it.next();
    }
    return v;
  }

  private static boolean isEdgeFile(List<String> header) {
    return header.contains("~from") && header.contains("~to");
  }

  private static List<String> header(Path f) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      if (line == null) {
        throw new IllegalArgumentException(f + ": no header");
      }
      return split(line);
    }
  }

  /** One line's fields (RFC 4180 quotes; {@code ""} inside quotes is a quote; fields trimmed). */
  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(sb.toString().strip());
        sb.setLength(0);
      } else {
        sb.append(ch);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quotes (quoted line breaks are not supported)");
    }
    out.add(sb.toString().strip());
    return out;
  }

  /** The rows of one file, with its header's property columns parsed. */
  private static final class Rows implements AutoCloseable {
    private final Path file;
    private final BufferedReader reader;
    private final List<String> header;
    private final List<Integer> propertyColumns = new ArrayList<>();
    private final List<String> propertyNames = new ArrayList<>();
    private final List<Function<String, Object>> parsers = new ArrayList<>();
    private List<String> fields;
    private long line = 1;

    Rows(Path file) throws IOException {
      this.file = file;
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      String h = reader.readLine();
      if (h == null) {
        throw new IllegalArgumentException(file + ": no header");
      }
      this.header = split(h);
      for (int i = 0; i < header.size(); i++) {
        String col = header.get(i);
        if (col.startsWith("~")) {
          if (!List.of("~id", "~label", "~from", "~to").contains(col)) {
            throw new IllegalArgumentException(file + ": unknown system column " + col);
          }
          continue;
        }
        int colon = col.lastIndexOf(':');
        String name = colon < 0 ? col : col.substring(0, colon);
        String type = colon < 0 ? "string" : col.substring(colon + 1).toLowerCase(Locale.ROOT);
        propertyColumns.add(i);
        propertyNames.add(name);
        parsers.add(parser(type, file));
      }
    }

    private static Function<String, Object> parser(String type, Path file) {
      return switch (type) {
        case "string" -> s -> s;
        case "bool", "boolean" -> s -> s.equalsIgnoreCase("true");
        case "byte" -> Byte::valueOf;
        case "short" -> Short::valueOf;
        case "int", "integer" -> Integer::valueOf;
        case "long" -> Long::valueOf;
        case "float" -> Float::valueOf;
        case "double" -> Double::valueOf;
        default -> throw new IllegalArgumentException(
            file + ": property type " + type + " is not supported by this reader");
      };
    }

    int column(String name) {
      int i = header.indexOf(name);
      if (i < 0 && !name.equals("~label")) {
        throw new IllegalArgumentException(file + ": no " + name + " column");
      }
      return i;
    }

    boolean next() throws IOException {
      String l;
      do {
        l = reader.readLine();
        line++;
        if (l == null) {
          return false;
        }
      } while (l.isBlank());
      try {
        fields = split(l);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where() + ": " + e.getMessage());
      }
      if (fields.size() != header.size()) {
        throw new IllegalArgumentException(
            where() + ": " + fields.size() + " fields, the header has " + header.size());
      }
      return true;
    }

    String field(int i) {
      return fields.get(i);
    }

    /** Appends name, value for each non-empty property field; returns how many. */
    int addProperties(List<Object> kv) {
      int n = 0;
      for (int j = 0; j < propertyColumns.size(); j++) {
        String raw = fields.get(propertyColumns.get(j));
        if (raw.isEmpty()) {
          continue;
        }
        try {
          kv.add(propertyNames.get(j));
          kv.add(parsers.get(j).apply(raw));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where() + ": bad value " + raw);
        }
        n++;
      }
      return n;
    }

    String where() {
      return file.getFileName() + ":" + line;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
