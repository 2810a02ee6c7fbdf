package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.jsr223.NereidGremlinPlugin;
import io.nereid.gremlin.server.TestServer;
import io.nereid.gremlin.structure.NereidGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nereid's console plugin in the real Gremlin Console 3.7.3: {@code :plugin use nereid.graph} and
 * an embedded graph, then {@code :remote connect tinkerpop.server conf/remote.yaml} to a real
 * server. The values asserted are made up per run, and checked again outside the console.
 */
class ConsolePluginTest {

  @TempDir Path tmp;

  @Test
  void embeddedGraphThroughThePlugin() throws Exception {
    Path data = tmp.resolve("data");
    List<String> names = names("embedded");
    List<String> script = new ArrayList<>(List.of(
        ":plugin use " + NereidGremlinPlugin.NAME,
        "graph = NereidGraph.open('" + GremlinConsole.groovyPath(data) + "')",
        "g = graph.traversal()"));
    for (String name : names) {
      script.add("g.addV('probe').property('name', '" + name + "').iterate()");
    }
    script.addAll(List.of(
        "g.tx().commit()",
        "g.V().hasLabel('probe').count()",
        "g.V().hasLabel('probe').values('name').order()",
        "graph.close()"));

    String out = GremlinConsole.run(tmp, script);

    assertTrue(out.contains("==>" + NereidGremlinPlugin.NAME + " activated"), out);
    assertTrue(out.contains("==>" + names.size() + "\n"), out);
    assertTrue(out.contains(answerLines(names)), out);
    // what the console committed is on disk for anyone who opens the store next
    try (NereidGraph graph = NereidGraph.open(data.toString())) {
      assertEquals(names, graph.traversal().V().hasLabel("probe").<String>values("name").order().toList());
      graph.tx().rollback();
    }
  }

  @Test
  void remoteConsoleReachesARunningServer() throws Exception {
    try (TestServer server = TestServer.start(tmp.resolve("server-data"))) {
      GraphTraversalSource g = server.remote(server.cluster(Serializers.GRAPHBINARY_V1));
      List<String> names = names("remote");
      for (String name : names) {
        g.addV("probe").property("name", name).iterate();
      }
      String written = "console-" + UUID.randomUUID();

      String shipped = Files.readString(TestServer.CONF.resolve("remote.yaml"));
      assertTrue(shipped.contains("\nport: 8182\n"), shipped);
      Path remoteYaml = Files.writeString(tmp.resolve("remote.yaml"),
          shipped.replace("\nport: 8182\n", "\nport: " + server.port() + "\n"));

      String out = GremlinConsole.run(tmp, List.of(
          ":remote connect tinkerpop.server " + GremlinConsole.groovyPath(remoteYaml),
          ":remote console",
          "g.V().hasLabel('probe').count()",
          "g.V().hasLabel('probe').values('name').order()",
          "g.addV('note').property('name', '" + written + "').values('name')",
          ":remote close"));

      assertTrue(out.contains("==>Configured localhost/127.0.0.1:" + server.port()), out);
      assertTrue(out.contains("==>" + names.size() + "\n"), out);
      assertTrue(out.contains(answerLines(names)), out);
      assertTrue(out.contains("==>" + written + "\n"), out);
      // the console's write was committed by the server
      assertEquals(List.of(written), g.V().hasLabel("note").values("name").toList());
    }
  }

  /** A few names no earlier run could have left behind, in the order the graph sorts them. */
  static List<String> names(String prefix) {
    int n = 2 + ThreadLocalRandom.current().nextInt(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add(prefix + "-" + UUID.randomUUID());
    }
    names.sort(null);
    return names;
  }

  static String answerLines(List<String> values) {
    StringBuilder b = new StringBuilder();
    for (String v : values) {
      b.append("==>").append(v).append('\n');
    }
    return b.toString();
  }
}
