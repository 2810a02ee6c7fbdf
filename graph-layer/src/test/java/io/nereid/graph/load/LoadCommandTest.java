package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options in both spellings, exit statuses, summary and JSON output. */
class LoadCommandTest {

  @TempDir Path tmp;

  private record Run(int status, String out, String err) {}

  private Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = LoadCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), false);
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void exitStatusesSummaryAndJson() throws Exception {
    String store = tmp.resolve("s").toString();
    String bad = MalformedCorpusTest.corpus("not_an_int").toString();
    Run r = run("failOnError=FALSE", "--partitions", "2", store, bad);
    assertEquals(1, r.status(), r.err());
    assertTrue(r.out().contains("LOAD_FAILED") && r.out().contains("datatypeMismatchErrors=1")
        && r.out().contains("v.csv:3: DATATYPE_MISMATCH"), r.out());
    Run again = run("--json", store, bad); // AUTO finds the finished load: nothing to do
    assertEquals(1, again.status());
    assertTrue(again.out().startsWith("{\"status\":\"200 OK\",\"payload\":{\"feedCount\":"
        + "[{\"LOAD_FAILED\":1}]") && again.out().contains("\"runNumber\":2"), again.out());
    String good = MalformedCorpusTest.corpus("missing_vertex").resolve("v.csv").toString();
    assertEquals(0, run("--mode", "NEW", store, good).status());
    assertEquals(2, run(store).status());
    assertEquals(2, run("--mode", "SOMETIMES", store, good).status());
    Run resume = run("--mode", "RESUME", tmp.resolve("other").toString(), good);
    assertEquals(1, resume.status());
    assertTrue(resume.err().contains("LOAD_FAILED_INVALID_REQUEST"), resume.err());
  }
}
