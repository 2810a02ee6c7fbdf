package io.nereid.gremlin.features;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Stage;
import io.cucumber.guice.CucumberModules;
import io.cucumber.junit.Cucumber;
import io.cucumber.junit.CucumberOptions;
import io.nereid.gremlin.server.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tinkerpop.gremlin.LoadGraphWith.GraphData;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.features.AbstractGuiceFactory;
import org.apache.tinkerpop.gremlin.features.World;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.op.traversal.TraversalOpProcessor;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.AfterClass;
import org.junit.Assert;
import org.junit.BeforeClass;
import org.junit.runner.RunWith;

/**
 * TinkerPop's Gherkin feature suite through a real Nereid server: every traversal is sent as
 * bytecode over GraphBinary by the Java driver ({@code DriverRemoteConnection}) and its results come
 * back over the wire. One server serves the run: the five standard data sets, each in a graph of its
 * own ({@code modern} bound as {@code g_modern} and so on), and the graph {@code graph} (bound as
 * {@code g}) for the scenarios that mutate, emptied before each of them.
 *
 * <p>The tag filter is the embedded run's ({@link NereidFeatureTest}, reasons there), so the two
 * runs compare one to one; {@link NereidRemoteWorld} skips the embedded run's two order-dependent
 * scenarios and nothing else: no scenario is skipped only remotely (docs/COMPLIANCE.md).
 */
@RunWith(Cucumber.class)
@CucumberOptions(
    tags =
        "not @RemoteOnly and not @GraphComputerOnly and not @TinkerServiceRegistry"
            + " and not @AllowNullPropertyValues and not @UserSuppliedVertexIds"
            + " and not @UserSuppliedEdgeIds and not @UserSuppliedVertexPropertyIds",
    glue = {"org.apache.tinkerpop.gremlin.features"},
    objectFactory = NereidRemoteFeatureTest.RemoteGuiceFactory.class,
    features = {"classpath:/org/apache/tinkerpop/gremlin/test/features"},
    plugin = {"progress", "junit:target/cucumber-remote.xml"})
public class NereidRemoteFeatureTest {

  /** The graph of the server's yaml that mutating scenarios use (bound as {@code g}). */
  static final String EMPTY_GRAPH = "graph";

  private static Path dataDir;
  private static TestServer server;
  private static Cluster cluster;
  private static Client client;
  /** Gremlin Server's count of bytecode requests evaluated, when the run started. */
  private static long traversalsAtStart;
  /** Scenarios that asked for a traversal source (counted by {@link NereidRemoteWorld}). */
  static final AtomicInteger SOURCES_GIVEN = new AtomicInteger();

  @BeforeClass
  public static void startServer() throws Exception {
    dataDir = Files.createTempDirectory("nereid-remote-features");
    Map<String, String> graphs = new LinkedHashMap<>();
    graphs.put(EMPTY_GRAPH, graphProperties(EMPTY_GRAPH, "single"));
    for (GraphData data : GraphData.values()) {
      // The crew graph has multi-properties, which its loader adds without an explicit cardinality.
      graphs.put(graphName(data), graphProperties(graphName(data), data == GraphData.CREW ? "list" : "single"));
    }
    server = TestServer.start(dataDir, (Settings s) -> {
      s.graphs.clear();
      s.graphs.putAll(graphs);
    });
    for (GraphData data : GraphData.values()) {
      load(server.server().graphManager().getGraph(graphName(data)), data);
    }
    cluster = server.cluster(Serializers.GRAPHBINARY_V1);
    client = cluster.connect();
    traversalsAtStart = TraversalOpProcessor.traversalOpTimer.getCount();
  }

  /**
   * Proves the run crossed the wire: the server evaluated bytecode for (nearly) every scenario. Not
   * exactly one each: scenarios the step definitions skip after their "Given" (lambda parameters,
   * ~3%) send nothing, while most others send several traversals (id look-ups, then the query).
   */
  @AfterClass
  public static void theServerEvaluatedTheScenarios() {
    long evaluated = TraversalOpProcessor.traversalOpTimer.getCount() - traversalsAtStart;
    int scenarios = SOURCES_GIVEN.get();
    Assert.assertTrue("the server evaluated " + evaluated + " traversals for " + scenarios + " scenarios",
        scenarios > 0 && evaluated >= scenarios * 9L / 10);
  }

  @AfterClass
  public static void stopServer() {
    if (server != null) {
      server.close(); // closes the cluster too
    }
    if (dataDir != null) {
      NereidWorld.deleteQuietly(dataDir);
    }
  }

  static String graphName(GraphData data) {
    return data.name().toLowerCase(Locale.ROOT);
  }

  static TestServer server() {
    if (server == null) {
      throw new IllegalStateException("the server is started by NereidRemoteFeatureTest's @BeforeClass");
    }
    return server;
  }

  /** One sessionless client for the whole run; each scenario aliases it to its traversal source. */
  static Client client() {
    server();
    return client;
  }

  /**
   * A copy of the shipped {@code conf/nereid.properties} for one graph of the run: its own directory,
   * and the cardinality its data set needs.
   */
  private static String graphProperties(String name, String cardinality) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(TestServer.CONF.resolve("nereid.properties"))) {
      props.load(in);
    }
    props.setProperty("nereid.directory", dataDir.resolve(name).toAbsolutePath().toString());
    props.setProperty("nereid.defaultCardinality", cardinality);
    Path file = dataDir.resolve(name + ".properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "graph " + name + " of the remote Gherkin run");
    }
    return file.toString();
  }

  /** Loads a data set into the server's graph in this JVM, embedded (the server reads it remotely). */
  private static void load(Graph graph, GraphData data) {
    graph.traversal().io(NereidWorld.extract(data.location()).toString()).read().iterate();
    graph.tx().commit();
  }

  /** Cucumber finds this factory through META-INF/services. */
  public static final class RemoteGuiceFactory extends AbstractGuiceFactory {
    public RemoteGuiceFactory() {
      super(Guice.createInjector(Stage.PRODUCTION, CucumberModules.createScenarioModule(), new WorldModule()));
    }
  }

  static final class WorldModule extends AbstractModule {
    @Override
    protected void configure() {
      bind(World.class).to(NereidRemoteWorld.class);
    }
  }
}
