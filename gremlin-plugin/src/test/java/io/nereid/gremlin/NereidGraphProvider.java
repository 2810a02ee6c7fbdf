package io.nereid.gremlin;

import io.nereid.gremlin.structure.NereidEdge;
import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.gremlin.structure.NereidProperty;
import io.nereid.gremlin.structure.NereidVertex;
import io.nereid.gremlin.structure.NereidVertexProperty;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.configuration2.Configuration;
import org.apache.tinkerpop.gremlin.AbstractGraphProvider;
import org.apache.tinkerpop.gremlin.LoadGraphWith;
import org.apache.tinkerpop.gremlin.structure.Graph;

/**
 * Binds TinkerPop's suites to Nereid: every test gets a fresh store in its own directory on disk,
 * deleted afterwards.
 */
public class NereidGraphProvider extends AbstractGraphProvider {

  @SuppressWarnings("rawtypes")
  private static final Set<Class> IMPLEMENTATIONS =
      Set.of(
          NereidGraph.class,
          NereidVertex.class,
          NereidEdge.class,
          NereidVertexProperty.class,
          NereidProperty.class);

  @Override
  public Map<String, Object> getBaseConfiguration(
      String graphName, Class<?> test, String testMethodName, LoadGraphWith.GraphData loadGraphWith) {
    Map<String, Object> config = new HashMap<>();
    config.put(Graph.GRAPH, NereidGraph.class.getName());
    config.put(NereidGraph.DIRECTORY, makeTestDirectory(graphName, test, testMethodName));
    if (loadGraphWith == LoadGraphWith.GraphData.CREW) {
      config.put(NereidGraph.DEFAULT_CARDINALITY, "list"); // the crew graph has multi-properties
    }
    return config;
  }

  @Override
  public void clear(Graph graph, Configuration configuration) throws Exception {
    if (graph != null) {
      graph.close();
    }
    io.nereid.gremlin.structure.NereidIterator.OPEN.values().forEach(Throwable::printStackTrace);
    io.nereid.gremlin.structure.NereidIterator.OPEN.clear();
    if (configuration != null && configuration.containsKey(NereidGraph.DIRECTORY)) {
      deleteDirectory(new File(configuration.getString(NereidGraph.DIRECTORY)));
    }
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Set<Class> getImplementations() {
    return IMPLEMENTATIONS;
  }
}
