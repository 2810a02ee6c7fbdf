package io.nereid.examples;

import static org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource.traversal;

import java.io.PrintStream;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;

/**
 * The questions of {@link AirRoutesQuestions} asked of a running Nereid server through
 * TinkerPop's Java driver: the traversals travel as bytecode, serialized with GraphBinary.
 *
 * <pre>
 * bin/nereid load ./data ../shared/data/air-routes && bin/nereid server
 * java io.nereid.examples.RemoteAirRoutes [host] [port]          # localhost 8182
 * </pre>
 */
public final class RemoteAirRoutes {

  private RemoteAirRoutes() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "localhost";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8182;
    run(host, port, System.out);
  }

  public static AirRoutesQuestions.Answers run(String host, int port, PrintStream out)
      throws Exception {
    Cluster cluster = Cluster.build(host).port(port).serializer(Serializers.GRAPHBINARY_V1).create();
    try (GraphTraversalSource g = traversal().withRemote(DriverRemoteConnection.using(cluster, "g"))) {
      AirRoutesQuestions.Answers answers = AirRoutesQuestions.ask(g);
      out.print(answers.format());
      return answers;
    } finally {
      cluster.close();
    }
  }
}
