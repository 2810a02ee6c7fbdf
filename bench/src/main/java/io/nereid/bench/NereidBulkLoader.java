package io.nereid.bench;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.load.BulkLoader;
import io.nereid.graph.load.LoadJob;
import io.nereid.graph.load.LoadOptions;
import io.nereid.graph.load.LoadStatus;
import io.nereid.gremlin.structure.NereidGraph;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.gremlin.structure.Graph;

/**
 * Loads the CSV files into Nereid with its bulk loader ({@code io.nereid.graph.load.BulkLoader},
 * what {@code bin/nereid load} runs: sorted kv bulk batches) instead of the structure API. Neptune's
 * default options, mode NEW. The counts come from the store's statistics.
 */
final class NereidBulkLoader implements GraphLoader {

  private final Path jobDir;

  /** {@code jobDir}: where the loader keeps its job description and error log. */
  NereidBulkLoader(Path jobDir) {
    this.jobDir = jobDir;
  }

  @Override
  public Counts load(Graph graph, List<Path> files) throws IOException {
    NereidGraph g = (NereidGraph) graph;
    if (g.tx().isOpen()) {
      g.tx().rollback();
    }
    BulkLoader loader = new BulkLoader(g.store(), jobDir);
    LoadJob job = loader.prepare(files, LoadOptions.defaults().withMode(LoadOptions.Mode.NEW));
    LoadJob.View v = loader.run(job, null);
    if (v.status() != LoadStatus.LOAD_COMPLETED) {
      throw new IllegalStateException("bulk load ended " + v.status() + " (" + v.failure()
          + "), " + v.errorCount() + " errors, first: " + v.errors());
    }
    Set<String> vertexKeys = new LinkedHashSet<>();
    Set<String> edgeKeys = new LinkedHashSet<>();
    for (Path f : files) {
      List<String> header = header(f);
      boolean edges = header.contains("~from") && header.contains("~to");
      for (String col : header) {
        if (!col.startsWith("~")) {
          int colon = col.lastIndexOf(':');
          (edges ? edgeKeys : vertexKeys).add(colon < 0 ? col : col.substring(0, colon));
        }
      }
    }
    try (GraphSnapshot s = g.store().snapshot()) {
      long properties = 0;
      for (String k : vertexKeys) {
        properties += s.vertexPropertyCount(k);
      }
      for (String k : edgeKeys) {
        properties += s.edgePropertyCount(k);
      }
      return new Counts(s.vertexCount(), s.edgeCount(), properties);
    }
  }

  private static List<String> header(Path f) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      return line == null ? List.of() : CsvGraphLoader.split(line);
    }
  }
}
