package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import io.nereid.graph.VertexRecord;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed corpus (src/test/resources/load/malformed/<case>/): each case holds one error.
 * Loaded with failOnError FALSE and TRUE, each must report exactly that error (code, file, line),
 * count it in the right overallStatus counter, and load what failOnError says: without it every
 * good row (and the good statements of the bad row), with it exactly the rows before the bad one.
 * Every loaded store must pass the consistency checker (no dangling edge, no half-written row).
 */
class MalformedCorpusTest {

  @TempDir Path tmp;

  static Stream<Arguments> cases() {
    return Stream.of(
        // case, code, file, line, vertices (failOnError FALSE), vertices (TRUE), edges F, edges T
        c("unknown_type", "PARSING_ERROR", "v.csv", 1, "", "", "", ""),
        c("duplicate_system_column", "PARSING_ERROR", "v.csv", 1, "", "", "", ""),
        c("edge_header_without_to", "PARSING_ERROR", "e.csv", 1, "v1", "", "", ""),
        c("single_array_header", "PARSING_ERROR", "v.csv", 1, "", "", "", ""),
        c("unbalanced_quotes", "PARSING_ERROR", "v.csv", 3, "v1", "v1", "", ""),
        c("quote_in_unquoted_field", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("text_after_closing_quote", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("more_columns", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("fewer_columns", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("blank_id", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("empty_label", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("invalid_utf8", "PARSING_ERROR", "v.csv", 3, "v1 v3", "v1", "", ""),
        c("byte_out_of_range", "DATATYPE_MISMATCH", "v.csv", 3, "v1 v2 v3", "v1", "", ""),
        c("long_out_of_range", "DATATYPE_MISMATCH", "v.csv", 3, "v1 v2 v3", "v1", "", ""),
        c("not_an_int", "DATATYPE_MISMATCH", "v.csv", 3, "v1 v2 v3", "v1", "", ""),
        c("double_inf", "DATATYPE_MISMATCH", "v.csv", 3, "v1 v2 v3", "v1", "", ""),
        c("bad_date", "DATATYPE_MISMATCH", "v.csv", 3, "v1 v2 v3", "v1", "", ""),
        c("multiline_then_bad", "DATATYPE_MISMATCH", "v.csv", 4, "v1 v2 v3", "v1", "", ""),
        c("single_cardinality", "SINGLE_CARDINALITY_VIOLATION", "v.csv", 3, "v1 v3", "v1", "",
            ""),
        c("missing_vertex", "FROM_OR_TO_VERTEX_ARE_MISSING", "e.csv", 3, "v1 v2 v3", "v1 v2 v3",
            "e1 e3", "e1"),
        c("edge_id_reused", "ID_ASSIGNED_TO_MULTIPLE_EDGES", "e.csv", 3, "v1 v2 v3", "v1 v2 v3",
            "e1 e3", "e1"));
  }

  private static Arguments c(String name, String code, String file, int line, String vFalse,
      String vTrue, String eFalse, String eTrue) {
    return Arguments.of(name, code, file, line, vFalse, vTrue, eFalse, eTrue);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheErrorAndLoadsWhatFailOnErrorSays(String name, String code, String file, int line,
      String vFalse, String vTrue, String eFalse, String eTrue) throws Exception {
    Path dir = corpus(name);
    for (boolean failOnError : new boolean[] {false, true}) {
      try (GraphStore store = LoadTestSupport.open(tmp.resolve(name + "-" + failOnError))) {
        LoadJob.View v = LoadTestSupport.load(store, tmp.resolve("jobs-" + failOnError),
            LoadOptions.defaults().withFailOnError(failOnError), dir);
        String where = name + " failOnError=" + failOnError + ": " + v.errors();
        assertEquals(1, v.errorCount(), where);
        LoadError e = v.errors().get(0);
        assertEquals(LoadErrorCode.valueOf(code), e.code(), where);
        assertEquals(dir.resolve(file).toRealPath().toString(), e.fileName(), where);
        assertEquals(line, e.line(), where);
        LoadCounters c = v.overall();
        long expected = 1;
        long counted = switch (e.code().counter()) {
          case PARSING -> c.parsingErrors;
          case DATATYPE -> c.datatypeMismatchErrors;
          case INSERT -> c.insertErrors;
        };
        assertEquals(expected, counted, where);
        assertEquals(1, c.errors(), where);
        assertEquals(LoadStatus.LOAD_FAILED, v.status(), where);
        assertEquals(ids(failOnError ? vTrue : vFalse), vertexIds(store), where);
        assertEquals(ids(failOnError ? eTrue : eFalse), edgeIds(store), where);
        if (failOnError) {
          assertTrue(v.feeds().stream().anyMatch(f -> !f.done()), "a file is left unfinished");
        } else {
          assertFalse(v.feeds().stream().anyMatch(f -> !f.done()), "every file is read");
        }
        TestStores.assertConsistent(store);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void valuesOfGoodStatementsInABadRowLoadWithoutFailOnError(String name, String code,
      String file, int line, String vFalse, String vTrue, String eFalse, String eTrue)
      throws Exception {
    if (!code.equals("DATATYPE_MISMATCH") && !name.equals("invalid_utf8")) {
      return;
    }
    try (GraphStore store = LoadTestSupport.open(tmp.resolve("s"))) {
      LoadTestSupport.load(store, tmp.resolve("jobs"),
          LoadOptions.defaults().withFailOnError(false), corpus(name));
      String d = LoadTestSupport.describe(store);
      switch (name) {
        case "byte_out_of_range" -> assertTrue(d.contains("V v3 vertex [age=-128:Byte]"), d);
        case "long_out_of_range" -> assertTrue(d.contains("V v2 vertex []"), d);
        case "double_inf" -> assertTrue(
            d.contains("[x=Infinity:Double]") && d.contains("[x=NaN:Double]"), d);
        case "bad_date" -> assertTrue(d.contains("V v3 vertex [born=1709287200000:Date]"), d);
        case "multiline_then_bad" -> assertTrue(
            d.contains("V v1 vertex [n=1:Integer, name=two\nlines:String]")
                && d.contains("V v2 vertex [name=b:String]"), d);
        case "invalid_utf8" -> assertTrue(d.contains("V v1 vertex [name=caf\u00e9:String]"), d);
        default -> {}
      }
    }
  }

  static Path corpus(String name) throws URISyntaxException {
    return Path.of(MalformedCorpusTest.class.getResource("/load/malformed/" + name).toURI());
  }

  private static Set<String> ids(String list) {
    Set<String> s = new TreeSet<>();
    for (String x : list.split(" ")) {
      if (!x.isEmpty()) {
        s.add(x);
      }
    }
    return s;
  }

  static Set<String> vertexIds(GraphStore store) {
    Set<String> s = new TreeSet<>();
    try (GraphSnapshot snap = store.snapshot();
        CloseableIterator<VertexRecord> it = snap.vertices()) {
      it.forEachRemaining(v -> s.add(v.externalId()));
    }
    return s;
  }

  static Set<String> edgeIds(GraphStore store) {
    Set<String> s = new TreeSet<>();
    try (GraphSnapshot snap = store.snapshot();
        CloseableIterator<EdgeRecord> it = snap.edges()) {
      it.forEachRemaining(e -> s.add(e.externalId()));
    }
    return s;
  }
}
