package io.nereid.gremlin.cli;

import io.nereid.gremlin.structure.NereidGraph;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.script.Bindings;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.apache.tinkerpop.gremlin.jsr223.GremlinLangScriptEngine;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;

/**
 * {@code nereid gremlin [dir] [query...]}: runs Gremlin queries against the embedded store in
 * {@code dir} (default {@code data}, created if absent), each in its own transaction, committed when
 * it succeeds. Queries are parsed with TinkerPop's gremlin-lang grammar (no Groovy, no lambdas);
 * without query arguments they are read one per line from standard input.
 */
public final class GremlinQuery {

  private GremlinQuery() {}

  public static void main(String[] args) throws Exception {
    String dir = args.length > 0 ? args[0] : "data";
    List<String> queries = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      queries.add(args[i]);
    }
    int failures = 0;
    try (NereidGraph graph = NereidGraph.open(dir)) {
      GremlinLangScriptEngine engine = new GremlinLangScriptEngine();
      GraphTraversalSource g = graph.traversal();
      if (queries.isEmpty()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (!line.isBlank()) {
            failures += run(engine, g, graph, line.trim(), System.out) ? 0 : 1;
          }
        }
      } else {
        for (String q : queries) {
          failures += run(engine, g, graph, q, System.out) ? 0 : 1;
        }
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** Evaluates one query, prints its results (one per line), commits; false if it failed. */
  static boolean run(GremlinLangScriptEngine engine, GraphTraversalSource g, NereidGraph graph,
      String query, PrintStream out) {
    Bindings bindings = new SimpleBindings();
    bindings.put("g", g);
    try {
      Object result = engine.eval(query, bindings);
      if (result instanceof Traversal<?, ?> t) {
        Iterator<?> it = t;
        while (it.hasNext()) {
          out.println(it.next());
        }
      } else if (result != null) {
        out.println(result);
      }
      graph.tx().commit();
      return true;
    } catch (ScriptException | RuntimeException e) {
      graph.tx().rollback();
      System.err.println("error in query \"" + query + "\": " + rootMessage(e));
      return false;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }
}
