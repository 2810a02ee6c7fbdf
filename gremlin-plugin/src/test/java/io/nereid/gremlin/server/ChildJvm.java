package io.nereid.gremlin.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real child JVM on the test's own classpath, running one main class. */
final class ChildJvm {

  private ChildJvm() {}

  static ProcessBuilder builder(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  static Process start(Class<?> main, Path log, String... args) throws IOException {
    return builder(main, args).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
