package io.nereid.gremlin.features;

import io.cucumber.java.Scenario;
import io.nereid.gremlin.server.NereidGraphManager;
import org.apache.tinkerpop.gremlin.LoadGraphWith.GraphData;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.features.World;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Graph;

/**
 * The Gherkin suite's view of a Nereid server: every traversal source is remote, a {@link
 * DriverRemoteConnection} over GraphBinary to the server {@link NereidRemoteFeatureTest} started.
 * The suite's step definitions parse each scenario's Gremlin (parameters already inlined) into a
 * traversal on that source, so the traversal crosses the wire as bytecode and its results come back
 * as GraphBinary; element ids in the scenarios are Nereid's String ids, looked up remotely.
 */
public class NereidRemoteWorld implements World {

  @Override
  public GraphTraversalSource getGraphTraversalSource(GraphData data) {
    String graph = data == null ? NereidRemoteFeatureTest.EMPTY_GRAPH : NereidRemoteFeatureTest.graphName(data);
    if (data == null) {
      clearEmptyGraph();
    }
    NereidRemoteFeatureTest.SOURCES_GIVEN.incrementAndGet();
    return AnonymousTraversalSource.traversal()
        .withRemote(DriverRemoteConnection.using(
            NereidRemoteFeatureTest.client(), NereidGraphManager.sourceName(graph)));
  }

  /**
   * Mutating scenarios share the server's graph {@code graph}: it is emptied, embedded, before each
   * of them (the server's requests are committed by then: sessionless requests commit as they end).
   */
  private static void clearEmptyGraph() {
    Graph graph = NereidRemoteFeatureTest.server().server().graphManager()
        .getGraph(NereidRemoteFeatureTest.EMPTY_GRAPH);
    graph.traversal().V().drop().iterate();
    graph.tx().commit();
  }

  @Override
  public void beforeEachScenario(Scenario scenario) {
    NereidWorld.skipIfOrderDependent(scenario);
  }

  @Override
  public String changePathToDataFile(String pathToFileFromGremlin) {
    // g.io(file) runs in the server, which shares this machine (and this JVM) with the test.
    return NereidWorld.dataFile(pathToFileFromGremlin);
  }

  @Override
  public String convertIdToScript(Object id, Class<? extends Element> type) {
    return NereidWorld.idToScript(id, type);
  }
}
