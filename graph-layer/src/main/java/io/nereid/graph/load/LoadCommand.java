package io.nereid.graph.load;

import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphStoreConfig;
import io.nereid.kv.Durability;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command line: {@code load [options] <store dir> <files or folders>...} (bin/nereid load). Loads
 * into a store that no other process has open; creates the store if absent. Options use Neptune's
 * names, as {@code --name value} or {@code name=value}: failOnError, mode, parallelism,
 * updateSingleCardinalityProperties, allowEmptyStrings; also batchStatements, partitions (of a new
 * store) and {@code --json} (print Neptune's GET /loader/{id} response with details and the first
 * page of errors). A live progress line goes to stderr on a terminal; the summary to stdout. Exit
 * status: 0 LOAD_COMPLETED, 1 any other outcome, 2 usage.
 */
public final class LoadCommand {

  /** {@code name=value} with a known option name (anything else is a path). */
  private static final java.util.regex.Pattern OPTION = java.util.regex.Pattern.compile(
      "(failOnError|mode|parallelism|updateSingleCardinalityProperties|allowEmptyStrings"
          + "|batchStatements|partitions)=");

  private LoadCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    LoadOptions options = LoadOptions.defaults();
    Integer partitions = null;
    boolean json = false;
    List<String> positional = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--json")) {
          json = true;
        } else if (a.startsWith("--") || OPTION.matcher(a).lookingAt()) {
          String name;
          String value;
          if (a.startsWith("--") && !a.contains("=")) {
            name = a.substring(2);
            if (++i == args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            value = args[i];
          } else {
            String s = a.startsWith("--") ? a.substring(2) : a;
            name = s.substring(0, s.indexOf('='));
            value = s.substring(s.indexOf('=') + 1);
          }
          if (name.equals("partitions")) {
            partitions = Integer.parseInt(value);
          } else {
            options = options.with(name, value);
          }
        } else {
          positional.add(a);
        }
      }
      if (positional.size() < 2) {
        throw new IllegalArgumentException("a store directory and at least one file or folder");
      }
    } catch (IllegalArgumentException e) {
      err.println("load: " + e.getMessage());
      err.println("usage: load [--failOnError TRUE|FALSE] [--mode NEW|RESUME|AUTO]"
          + " [--parallelism LOW|MEDIUM|HIGH|OVERSUBSCRIBE]"
          + " [--updateSingleCardinalityProperties TRUE|FALSE] [--allowEmptyStrings TRUE|FALSE]"
          + " [--batchStatements N] [--partitions N] [--json] <store dir> <file or folder>...");
      return 2;
    }
    Path dir = Path.of(positional.get(0));
    List<Path> sources = positional.subList(1, positional.size()).stream().map(Path::of).toList();
    try (GraphStore store = GraphStore.open(dir, config(dir, partitions))) {
      BulkLoader loader = new BulkLoader(store, BulkLoader.defaultJobDir(dir));
      LoadJob job = loader.prepare(sources, options);
      ProgressLine progress = new ProgressLine(err, terminal);
      err.println("load " + job.id() + (job.view().runNumber() > 1
          ? " (run " + job.view().runNumber() + ", resumed)" : "") + ": "
          + job.feeds().stream().filter(f -> !f.done()).count() + " file(s) to load into " + dir);
      LoadJob.View v = loader.run(job, progress::update);
      progress.finish();
      if (json) {
        out.println(LoadStatusJson.status(v, true, true, 1, 10));
      } else {
        summary(out, v, loader.errorLogPath(v.id()));
      }
      return v.status() == LoadStatus.LOAD_COMPLETED ? 0 : 1;
    } catch (BulkLoader.InvalidRequestException e) {
      err.println("load: LOAD_FAILED_INVALID_REQUEST: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("load: " + e);
      return 1;
    }
  }

  /**
   * Bulk batches are always durable (SYNC); the small side commits (id blocks, long strings) are
   * ASYNC: the log keeps commit order, so the bulk batch that uses them forces them too.
   */
  static GraphStoreConfig config(Path dir, Integer partitions) {
    GraphStoreConfig c = GraphStoreConfig.defaults().withDurability(Durability.ASYNC)
        .withIdsPerBlock(1 << 16);
    if (Files.isRegularFile(dir.resolve("graph.properties"))) {
      return c.withPartitions(storedPartitions(dir));
    }
    return partitions == null ? c : c.withPartitions(partitions);
  }

  private static int storedPartitions(Path dir) {
    java.util.Properties p = new java.util.Properties();
    try (var in = Files.newInputStream(dir.resolve("graph.properties"))) {
      p.load(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Integer.parseInt(p.getProperty("partitions"));
  }

  static void summary(PrintStream out, LoadJob.View v, Path errorLog) {
    summary(out, v, errorLog.toString());
  }

  /** The final summary; {@code errorLog} says where the errors are (a file, or a server's URL). */
  public static void summary(PrintStream out, LoadJob.View v, String errorLog) {
    LoadCounters c = v.overall();
    out.println("load " + v.id() + ": " + v.status()
        + (v.failure() != null ? " (" + v.failure() + ")" : ""));
    out.println("  overallStatus: totalRecords=" + c.totalRecords + " totalDuplicates="
        + c.totalDuplicates + " parsingErrors=" + c.parsingErrors + " datatypeMismatchErrors="
        + c.datatypeMismatchErrors + " insertErrors=" + c.insertErrors + " totalTimeSpent="
        + v.timeSpentMillis() / 1000 + "s (" + v.timeSpentMillis() + " ms) runNumber="
        + v.runNumber());
    for (LoadJob.FeedView f : v.feeds()) {
      out.println("  " + f.status() + " " + (f.kind() == null ? "?" : f.kind().name().toLowerCase())
          + " " + f.path() + ": " + f.counters().totalRecords + " records, "
          + f.counters().errors() + " errors");
    }
    if (v.errorCount() > 0) {
      out.println("  " + v.errorCount() + " error(s), logged in " + errorLog + "; the first:");
      v.errors().stream().limit(10).forEach(e -> out.println("    " + e));
    }
  }
}
