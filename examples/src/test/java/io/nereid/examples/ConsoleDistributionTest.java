package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.server.TestServer;
import io.nereid.gremlin.structure.NereidGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's console session in the real console distribution, with Nereid installed into its
 * ext/ as README.md says: the plugin, an embedded graph, then a running server through
 * conf/remote.yaml, in one console.
 */
class ConsoleDistributionTest {

  @TempDir Path tmp;

  @Test
  void readmeSessionInTheConsoleDistribution() throws Exception {
    Path home = ConsoleDistribution.home();
    Path ext = tmp.resolve("ext");
    ConsoleDistribution.installNereid(home, ext);
    Path data = tmp.resolve("data");
    List<String> local = ConsolePluginTest.names("local");
    List<String> remote = ConsolePluginTest.names("remote");

    try (TestServer server = TestServer.start(tmp.resolve("server-data"))) {
      GraphTraversalSource g = server.remote(server.cluster(Serializers.GRAPHBINARY_V1));
      for (String name : remote) {
        g.addV("probe").property("name", name).iterate();
      }
      String shipped = Files.readString(TestServer.CONF.resolve("remote.yaml"));
      Path remoteYaml = Files.writeString(tmp.resolve("remote.yaml"),
          shipped.replace("\nport: 8182\n", "\nport: " + server.port() + "\n"));

      List<String> script = new ArrayList<>(List.of(
          ":plugin use nereid.graph",
          "graph = NereidGraph.open('" + GremlinConsole.groovyPath(data) + "')",
          "g = graph.traversal()"));
      for (String name : local) {
        script.add("g.addV('probe').property('name', '" + name + "').iterate()");
      }
      script.addAll(List.of(
          "g.tx().commit()",
          "g.V().hasLabel('probe').values('name').order()",
          "graph.close()",
          ":remote connect tinkerpop.server " + GremlinConsole.groovyPath(remoteYaml),
          ":remote console",
          "g.V().hasLabel('probe').values('name').order()",
          ":remote console"));

      String out = ConsoleDistribution.run(home, ext, tmp, script);

      assertTrue(out.contains("plugin activated: tinkerpop.server"), out);
      assertTrue(out.contains("==>nereid.graph activated"), out);
      int embedded = out.indexOf(ConsolePluginTest.answerLines(local));
      int served = out.indexOf(ConsolePluginTest.answerLines(remote));
      assertTrue(embedded >= 0 && served > embedded, out);
      // :plugin use was remembered in the ext folder's plugins.txt, as in a user's console
      assertTrue(Files.readAllLines(ext.resolve("plugins.txt"))
          .contains("io.nereid.gremlin.jsr223.NereidGremlinPlugin"));
    }
    try (NereidGraph graph = NereidGraph.open(data.toString())) {
      assertEquals(local, graph.traversal().V().hasLabel("probe").<String>values("name").order().toList());
      graph.tx().rollback();
    }
  }
}
