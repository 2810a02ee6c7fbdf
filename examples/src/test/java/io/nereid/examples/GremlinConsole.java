package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Gremlin Console 3.7.3 in a child JVM: TinkerPop's own main class, the test classpath (the
 * console, Nereid's jars with the plugin, TinkerPop 3.7.5), a console home of its own, and a
 * script typed on standard input, so results print as a user sees them ({@code ==>...}).
 */
final class GremlinConsole {

  static final String MAIN = "org.apache.tinkerpop.gremlin.console.Console";

  /** What a console distribution's ext/plugins.txt activates at start (the server plugin among them). */
  static final List<String> DISTRIBUTION_PLUGINS = List.of(
      "org.apache.tinkerpop.gremlin.console.jsr223.DriverGremlinPlugin",
      "org.apache.tinkerpop.gremlin.console.jsr223.UtilitiesGremlinPlugin",
      "org.apache.tinkerpop.gremlin.tinkergraph.jsr223.TinkerGraphGremlinPlugin");

  private GremlinConsole() {}

  /**
   * Types {@code lines} into a console started in {@code home}, then {@code :exit}; returns what it
   * printed with the colours taken out.
   */
  static String run(Path home, List<String> lines) throws IOException, InterruptedException {
    String classpath = System.getProperty("java.class.path");
    assertTrue(classpath.contains("gremlin-console"), "the console is not on the test classpath");
    Path ext = Files.createDirectories(home.resolve("ext"));
    Files.write(ext.resolve("plugins.txt"), DISTRIBUTION_PLUGINS);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java,
        // gremlin.sh adds this on Java 17
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        // the history file and preferences go to the console's home, not the user's
        "-Duser.home=" + home, "-Duser.working_dir=" + home, "-Dtinkerpop.ext=" + ext,
        "-cp", classpath, MAIN);
    ChildProcess.Result r = ChildProcess.run(command, home,
        String.join("\n", lines) + "\n:exit\n", 600, "cannot start " + java);
    String out = stripColours(r.output());
    assertEquals(0, r.exitCode(), out);
    // a failed line makes the console ask this (and eat the next line as the answer)
    assertFalse(out.contains("Display stack trace?"), out);
    return out;
  }

  static String stripColours(String s) {
    return s.replaceAll("\u001B\\[[;\\d]*m", "");
  }

  /** A path as a Groovy string literal wants it. */
  static String groovyPath(Path p) {
    return p.toAbsolutePath().toString().replace(File.separatorChar, '/');
  }
}
