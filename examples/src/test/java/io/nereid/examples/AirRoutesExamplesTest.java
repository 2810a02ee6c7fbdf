package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every air-routes example, run for real and checked against {@link AirRoutesCsv}: the embedded
 * one loads the CSV files into a fresh store; a real server then serves that store to the Java
 * driver example and to examples/js/air-routes.js (npm ci, then node).
 */
class AirRoutesExamplesTest {

  static final Path JS_EXAMPLE = Path.of("js");

  @TempDir static Path tmp;
  static AirRoutesQuestions.Answers expected;
  static AirRoutesQuestions.Answers embedded;
  static String embeddedOutput;
  static TestServer server;

  @BeforeAll
  static void loadAndServe() throws Exception {
    Path airRoutes = AirRoutesCsv.locate();
    expected = AirRoutesCsv.expected(airRoutes);
    // The questions must have something to find, or equal answers would prove little.
    assertTrue(expected.airports() > 1000 && expected.routesFrom() > 0, expected.toString());
    assertFalse(expected.oneStopVia().isEmpty(), expected.toString());

    Path store = tmp.resolve("store");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    embedded = EmbeddedAirRoutes.run(airRoutes, store, new PrintStream(out, true, StandardCharsets.UTF_8));
    embeddedOutput = out.toString(StandardCharsets.UTF_8);
    server = TestServer.start(store);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void embeddedExampleLoadsTheCsvFilesAndAnswersAsTheyDo() {
    assertEquals(expected, embedded);
    assertTrue(embeddedOutput.endsWith(expected.format()), embeddedOutput);
  }

  @Test
  void remoteExampleGetsTheSameAnswersThroughTheJavaDriver() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AirRoutesQuestions.Answers remote =
        RemoteAirRoutes.run("localhost", server.port(), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(expected, remote);
    assertEquals(expected.format(), out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void javascriptExampleGetsTheSameAnswersThroughTheNpmGremlinClient() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("js"));
    for (String f : List.of("package.json", "package-lock.json", "air-routes.js")) {
      Files.copy(JS_EXAMPLE.resolve(f), dir.resolve(f));
    }
    String missing = "node and npm must be on the PATH for the JavaScript example (CI has them)";
    ChildProcess.Result version = ChildProcess.run(List.of("node", "--version"), dir, null, 60, missing);
    assertEquals(0, version.exitCode(), missing + ": " + version.output());

    ChildProcess.Result install = ChildProcess.run(
        List.of("npm", "ci", "--no-audit", "--no-fund"), dir, null, 600, missing);
    assertEquals(0, install.exitCode(), "npm ci failed:\n" + install.output());

    ChildProcess.Result run = ChildProcess.run(
        List.of("node", "air-routes.js", String.valueOf(server.port())), dir, null, 300, missing);
    assertEquals(0, run.exitCode(), "node air-routes.js failed:\n" + run.output());
    String script = "script g.V().has('airport', 'code', code).out('route').count() with code="
        + AirRoutesQuestions.FROM + ": " + expected.routesFrom() + "\n";
    assertEquals(expected.format() + script, run.stdout(), run.stderr());
  }

}
