package io.nereid.graph.tools;

import io.nereid.graph.GraphStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Command line: {@code DumpKeys <store directory>}: every key of the store, decoded. */
public final class DumpKeys {

  private DumpKeys() {}

  public static void main(String[] args) {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0], "graph.properties"))) {
      System.err.println("usage: DumpKeys <graph store directory>");
      System.exit(2);
    }
    try (GraphStore store = GraphStore.open(Path.of(args[0]))) {
      new KeyDumper(store, System.out).dumpAll();
    }
  }
}
