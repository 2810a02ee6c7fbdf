package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The Gremlin Console 3.7.3 distribution (apache-tinkerpop-gremlin-console-3.7.3, unpacked by the
 * build into target/) with Nereid installed the way README.md says: Nereid's jars and their storage
 * dependencies in a folder of their own under ext/, started with its own bin/gremlin.sh. So this
 * runs Nereid (built against TinkerPop 3.7.5) on the console's own 3.7.3 jars.
 */
final class ConsoleDistribution {

  /** Nereid's modules, as the reactor puts them on the test classpath (class folders or jars). */
  static final List<String> NEREID_MODULES = List.of("kv-layer", "graph-layer", "gremlin-plugin");

  /** README.md's selection of the storage dependencies: LMDB, its native library, Agrona, jnr. */
  static final Pattern STORAGE_JARS = Pattern.compile(
      ".*/(org/lmdbjava|org/agrona|com/github/jnr|org/ow2/asm|org/apache/commons/commons-compress)/.*\\.jar");

  private ConsoleDistribution() {}

  static Path home() {
    String home = System.getProperty("gremlin.console.home");
    assertTrue(home != null && Files.isRegularFile(Path.of(home, "bin", "gremlin.sh")),
        "the console distribution is unpacked by the build (maven-dependency-plugin unpack): " + home);
    return Path.of(home);
  }

  /**
   * A user ext folder ({@code -Dtinkerpop.ext}, which bin/gremlin.sh puts on the classpath beside
   * the distribution's own ext/) holding ext/nereid/plugin/*.jar and the distribution's plugins.txt;
   * the unpacked distribution itself is left as it is.
   */
  static Path installNereid(Path consoleHome, Path ext) throws IOException {
    Path plugin = Files.createDirectories(ext.resolve("nereid").resolve("plugin"));
    Files.copy(consoleHome.resolve("ext").resolve("plugins.txt"), ext.resolve("plugins.txt"));
    List<String> copied = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath().normalize();
      String module = p.getParent() != null && p.getParent().getParent() != null
          ? p.getParent().getParent().getFileName().toString() : "";
      String unixPath = p.toString().replace(File.separatorChar, '/');
      if (NEREID_MODULES.contains(module) && Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
        jar(p, plugin.resolve("nereid-" + module + ".jar"));
        copied.add(module);
      } else if (NEREID_MODULES.contains(module) && unixPath.matches(".*/target/nereid-[a-z]+-[^/]*\\.jar")
          && !unixPath.endsWith("-tests.jar")) {
        Files.copy(p, plugin.resolve(p.getFileName()));
        copied.add(module);
      } else if (STORAGE_JARS.matcher(unixPath).matches()) {
        Files.copy(p, plugin.resolve(p.getFileName()));
      }
    }
    assertEquals(NEREID_MODULES.size(), copied.size(), "Nereid's modules on the classpath: " + copied);
    return plugin;
  }

  /** Types {@code lines} into bin/gremlin.sh with {@code ext} as the user ext folder, then :exit. */
  static String run(Path consoleHome, Path ext, Path workDir, List<String> lines)
      throws IOException, InterruptedException {
    Map<String, String> env = Map.of(
        "JAVA_HOME", System.getProperty("java.home"),
        "JAVA_OPTIONS", "-Dtinkerpop.ext=" + ext + " -Duser.home=" + workDir);
    ChildProcess.Result r = ChildProcess.run(
        List.of("bash", consoleHome.resolve("bin").resolve("gremlin.sh").toString()), env, workDir,
        String.join("\n", lines) + "\n:exit\n", 600, "cannot run bash");
    String out = GremlinConsole.stripColours(r.output());
    assertEquals(0, r.exitCode(), out);
    assertFalse(out.contains("Display stack trace?"), out);
    return out;
  }

  /** A jar of a module's class folder, as its own build would package it. */
  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
         ZipOutputStream zip = new ZipOutputStream(file);
         Stream<Path> paths = Files.walk(classes)) {
      for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
        zip.putNextEntry(new ZipEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, zip);
        zip.closeEntry();
      }
    }
  }
}
