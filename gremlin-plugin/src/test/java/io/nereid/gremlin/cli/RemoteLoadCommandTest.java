package io.nereid.gremlin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.load.LoadCommand;
import io.nereid.gremlin.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/nereid load --server}: against a real server, its summary is the offline command's
 * (same status, counters, failed files and errors), its exit status says whether the load
 * completed, and usage errors and an unreachable server are reported.
 */
class RemoteLoadCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run remote(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = RemoteLoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run offline(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void loadsIntoARunningServerAndSummarisesAsTheOfflineCommand() throws Exception {
    Path good = dir.resolve("good.csv");
    Files.writeString(good, "~id,~label,name\na,person,Ann\nb,person,Bob\n");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "~id,~label,age:Int\nc,person,12\nd,person,old\ne,person,1,2\n");
    Run off = offline("--failOnError", "FALSE", dir.resolve("offline").toString(),
        good.toString(), bad.toString());
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      String url = "http://localhost:" + server.port();
      Path other = dir.resolve("other.csv");
      Files.writeString(other, "~id,~label\nx,thing\n");
      Run ok = remote("--server", url, other.toString());
      assertEquals(0, ok.exit(), ok.err());
      assertTrue(ok.out().contains(": LOAD_COMPLETED"), ok.out());

      Run failed = remote("--server", url, "--failOnError", "FALSE", "mode=NEW",
          good.toString(), bad.toString());
      assertEquals(1, failed.exit(), failed.err());
      assertEquals(1, off.exit(), off.err());
      List<String> remoteLines = failed.out().lines().toList();
      List<String> offlineLines = off.out().lines().toList();
      // Line 1: "load <id>: LOAD_FAILED"; line 2: the counters (times differ).
      assertEquals(statusOf(offlineLines.get(0)), statusOf(remoteLines.get(0)));
      assertEquals(countersOf(offlineLines.get(1)), countersOf(remoteLines.get(1)));
      // The failed file and both errors, with file, line and code, as offline.
      assertTrue(failed.out().contains("LOAD_FAILED ? " + bad.toRealPath()), failed.out());
      for (String line : offlineLines) {
        if (line.contains("DATATYPE_MISMATCH") || line.contains("PARSING_ERROR")) {
          assertTrue(remoteLines.contains(line), "missing " + line + " in\n" + failed.out());
        }
      }
      assertTrue(failed.out().contains("2 error(s), logged in " + url + "/loader/"),
          failed.out());

      Run json = remote("--server", url, "--json", "--mode", "NEW", other.toString());
      assertEquals(0, json.exit());
      assertTrue(json.out().contains("\"overallStatus\""), json.out());

      Run refused = remote("--server", url, "--mode", "SOMETIMES", other.toString());
      assertEquals(1, refused.exit());
      assertTrue(refused.err().contains("InvalidParameterException: mode must be one of"),
          refused.err());
    }
  }

  @Test
  void usageErrorsAndAnUnreachableServer() throws Exception {
    assertEquals(2, remote("--server", "http://localhost:1").exit(), "no files");
    assertEquals(2, remote("--server", "http://localhost:1", "--batchStatements", "5", "x.csv")
        .exit());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run down = remote("--server", "http://localhost:" + port, dir.toString());
    assertEquals(1, down.exit());
    assertTrue(down.err().contains("cannot reach the server"), down.err());
  }

  private static String statusOf(String firstLine) {
    return firstLine.substring(firstLine.indexOf(": ") + 2);
  }

  private static String countersOf(String secondLine) {
    return Arrays.stream(secondLine.trim().split(" "))
        .filter(f -> !f.startsWith("totalTimeSpent") && !f.startsWith("(") && !f.equals("ms)"))
        .toList().toString();
  }
}
