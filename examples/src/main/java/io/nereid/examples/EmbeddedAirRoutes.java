package io.nereid.examples;

import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphStoreConfig;
import io.nereid.graph.load.BulkLoader;
import io.nereid.graph.load.LoadJob;
import io.nereid.graph.load.LoadOptions;
import io.nereid.graph.load.LoadStatus;
import io.nereid.gremlin.structure.NereidGraph;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Nereid embedded: bulk-loads the air-routes CSV files into a fresh store, opens it as a
 * NereidGraph and prints the answers of {@link AirRoutesQuestions}.
 *
 * <pre>
 * java io.nereid.examples.EmbeddedAirRoutes [air-routes folder] [store folder]
 * </pre>
 *
 * The folder defaults to ../shared/data/air-routes. Without a store folder the store is made in a
 * temporary folder and deleted at the end; a store folder given is kept (it must not exist yet),
 * ready for {@code bin/nereid server --data <store folder>}.
 */
public final class EmbeddedAirRoutes {

  public static final Path DEFAULT_AIR_ROUTES = Path.of("..", "shared", "data", "air-routes");

  private EmbeddedAirRoutes() {}

  public static void main(String[] args) throws IOException {
    Path airRoutes = args.length > 0 ? Path.of(args[0]) : DEFAULT_AIR_ROUTES;
    if (!Files.isDirectory(airRoutes)) {
      System.err.println("air-routes folder not found: " + airRoutes.toAbsolutePath()
          + " (give it as the first argument)");
      System.exit(2);
    }
    if (args.length > 1) {
      Path store = Path.of(args[1]);
      if (Files.exists(store)) {
        System.err.println("the store folder must not exist yet: " + store.toAbsolutePath());
        System.exit(2);
      }
      run(airRoutes, store, System.out);
      System.out.println("store kept in " + store + " (serve it: bin/nereid server --data " + store + ")");
    } else {
      Path store = Files.createTempDirectory("nereid-air-routes");
      try {
        run(airRoutes, store, System.out);
      } finally {
        deleteTree(store);
      }
    }
  }

  /** Loads {@code airRoutes} into a new store in {@code storeDir}, asks, prints and returns. */
  public static AirRoutesQuestions.Answers run(Path airRoutes, Path storeDir, PrintStream out) {
    LoadJob.View load = load(airRoutes, storeDir);
    out.println("loaded " + load.overall().totalRecords + " records from " + airRoutes
        + " in " + load.timeSpentMillis() + " ms");
    try (NereidGraph graph = NereidGraph.open(storeDir.toString())) {
      AirRoutesQuestions.Answers answers = AirRoutesQuestions.ask(graph.traversal());
      graph.tx().rollback(); // read only: end the thread's transaction before closing
      out.print(answers.format());
      return answers;
    } catch (Exception e) {
      throw new IllegalStateException("querying " + storeDir + " failed", e);
    }
  }

  /**
   * The bulk loader, as {@code bin/nereid load} runs it: the store is opened alone (the loader
   * needs a store no graph has open), loaded, and closed before NereidGraph opens it.
   */
  public static LoadJob.View load(Path airRoutes, Path storeDir) {
    try (GraphStore store = GraphStore.open(storeDir, GraphStoreConfig.defaults())) {
      BulkLoader loader = new BulkLoader(store, BulkLoader.defaultJobDir(storeDir));
      LoadJob job = loader.prepare(List.of(airRoutes), LoadOptions.defaults());
      LoadJob.View view = loader.run(job, progress -> {});
      if (view.status() != LoadStatus.LOAD_COMPLETED) {
        throw new IllegalStateException("load " + view.status() + ": " + view.failure()
            + ", errors " + view.errors());
      }
      return view;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the temporary store this program made (and only that: the caller passes it). */
  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
