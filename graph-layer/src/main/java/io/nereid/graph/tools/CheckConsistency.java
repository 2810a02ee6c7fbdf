package io.nereid.graph.tools;

import io.nereid.graph.GraphStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Command line: {@code CheckConsistency <store directory>}. Opens the store (its partition count is
 * read from {@code graph.properties}), runs the {@link ConsistencyChecker}, prints the report. Exit
 * status 0 when consistent, 1 when problems were found, 2 on usage errors. Run it on a store no
 * other process has open.
 */
public final class CheckConsistency {

  private CheckConsistency() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The command without {@code System.exit}: returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], "graph.properties"))) {
      err.println("usage: CheckConsistency <graph store directory>");
      return 2;
    }
    ConsistencyReport report;
    try (GraphStore store = GraphStore.open(Path.of(args[0]))) {
      report = new ConsistencyChecker(store).check();
    }
    out.print(report);
    return report.isConsistent() ? 0 : 1;
  }
}
