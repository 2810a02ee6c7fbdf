package io.nereid.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.tinkerpop.gremlin.structure.Graph;

/**
 * Loads Neptune Gremlin CSV files into a graph. The benchmark uses {@link CsvGraphLoader} for both
 * graphs; Nereid's bulk loader (branch {@code loader}) can take its place for Nereid here.
 */
interface GraphLoader {

  /** Loads {@code files} (vertex and edge files, in any order) into {@code graph}. */
  Counts load(Graph graph, List<Path> files) throws IOException;

  /** Elements and property values created. */
  record Counts(long vertices, long edges, long properties) {
    long elements() {
      return vertices + edges;
    }
  }
}
