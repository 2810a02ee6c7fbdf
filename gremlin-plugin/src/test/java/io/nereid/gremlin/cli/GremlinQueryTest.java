package io.nereid.gremlin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.structure.NereidGraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.tinkerpop.gremlin.jsr223.GremlinLangScriptEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line query runner: gremlin-lang in, results out, one transaction per query. */
class GremlinQueryTest {

  @TempDir Path dir;

  @Test
  void runsCommitsAndRefusesWhatGremlinLangCannotParse() {
    GremlinLangScriptEngine engine = new GremlinLangScriptEngine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (NereidGraph graph = NereidGraph.open(dir.toString())) {
      var g = graph.traversal();
      assertTrue(GremlinQuery.run(engine, g, graph, "g.addV('person').property(id,'m').property('name','marko')", out));
      assertFalse(GremlinQuery.run(engine, g, graph, "g.V().map{it}", out), "lambdas are refused");
      assertFalse(GremlinQuery.run(engine, g, graph, "g.addV('x').property(id,'m')", out), "duplicate id");
      assertTrue(GremlinQuery.run(engine, g, graph, "g.V().has('name','marko').count()", out));
    }
    try (NereidGraph reopened = NereidGraph.open(dir.toString())) {
      assertEquals(1L, reopened.traversal().V().count().next(), "the first query was committed");
    }
    assertEquals("v[m]\n1\n", bytes.toString(StandardCharsets.UTF_8));
  }
}
