package io.nereid.bench;

import io.nereid.gremlin.server.NereidServer;
import io.nereid.gremlin.server.NereidSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.channel.WsAndHttpChannelizer;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;

/**
 * The two servers the {@code server} benchmark compares, both in the bench JVM on free ports of
 * localhost: Nereid's ({@code NereidServer} from the repository's {@code conf/nereid-server.yaml},
 * the store the bench loaded) and a plain Gremlin Server serving an in-memory TinkerGraph. Both read
 * the same yaml, so both have the same thread pools, timeouts, serializers (Nereid's defaults:
 * GraphBinary 1, GraphSON 3/2/1) and the gremlin-lang engine only; the TinkerGraph server keeps
 * Gremlin Server's own WebSocket-and-HTTP channelizer and binds {@code g} with {@link
 * TinkerBinding} instead of a Groovy init script.
 */
final class BenchServers implements AutoCloseable {

  private final NereidServer nereid;
  private final GremlinServer tinker;
  private final int tinkerPort;

  private BenchServers(NereidServer nereid, GremlinServer tinker, int tinkerPort) {
    this.nereid = nereid;
    this.tinker = tinker;
    this.tinkerPort = tinkerPort;
  }

  /**
   * Starts both. {@code nereidStore} is a closed Nereid store; {@code tinkerGraph} a loaded
   * TinkerGraph, which the TinkerGraph server serves as graph {@code graph}.
   */
  static BenchServers start(Path confDir, Path nereidStore, int partitions, TinkerGraph tinkerGraph)
      throws Exception {
    Settings ns = NereidSettings.read(confDir.resolve("nereid-server.yaml"));
    ns.port = freePort();
    ns.graphs.clear();
    ns.graphs.put("graph", nereidProperties(confDir, nereidStore, partitions).toString());
    NereidServer nereid = NereidServer.start(ns);
    try {
      // Gremlin Server logs a graph it cannot open and starts without it; the bench must not.
      if (nereid.graphManager().getGraph("graph") == null) {
        throw new IllegalStateException("the Nereid server did not open " + nereidStore
            + " (see the log above)");
      }
      Settings ts = NereidSettings.read(confDir.resolve("nereid-server.yaml"));
      ts.port = freePort();
      ts.channelizer = WsAndHttpChannelizer.class.getName();
      ts.graphManager = TinkerBinding.class.getName();
      ts.graphs.clear();
      TinkerBinding.handOver(tinkerGraph);
      GremlinServer tinker = new GremlinServer(ts);
      tinker.start().get(60, TimeUnit.SECONDS);
      return new BenchServers(nereid, tinker, ts.port);
    } catch (Exception e) {
      nereid.close();
      throw e;
    }
  }

  /** A copy of the shipped conf/nereid.properties pointing at {@code store}. */
  private static Path nereidProperties(Path confDir, Path store, int partitions) throws IOException {
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(confDir.resolve("nereid.properties"))) {
      props.load(in);
    }
    props.setProperty("nereid.directory", store.toAbsolutePath().toString());
    props.setProperty("nereid.partitions", String.valueOf(partitions));
    Path file = store.resolveSibling("nereid-bench-server.properties");
    try (OutputStream out = Files.newOutputStream(file)) {
      props.store(out, "bench/run server");
    }
    return file;
  }

  int nereidPort() {
    return nereid.port();
  }

  int tinkerPort() {
    return tinkerPort;
  }

  /**
   * A driver cluster on {@code port}, GraphBinary, the same pool for both servers: 8 connections
   * opened at once (not grown under load), each allowed more requests in flight than the largest
   * concurrency needs.
   */
  static Cluster cluster(int port, int maxClients) {
    int connections = 8;
    int perConnection = Math.max(16, (maxClients + connections - 1) / connections * 2);
    return Cluster.build("localhost").port(port)
        .serializer(Serializers.GRAPHBINARY_V1)
        .minConnectionPoolSize(connections).maxConnectionPoolSize(connections)
        .maxSimultaneousUsagePerConnection(perConnection).maxInProcessPerConnection(perConnection)
        .minSimultaneousUsagePerConnection(1).minInProcessPerConnection(1)
        .create();
  }

  @Override
  public void close() {
    try {
      tinker.stop().join();
    } finally {
      nereid.close(); // also resets Gremlin Server's static op-processor registry
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Binds the TinkerGraph the bench loaded as graph {@code graph} and traversal source {@code g},
   * without a script engine. Gremlin Server builds its graph manager by reflection from the yaml's
   * class name, so the graph is handed over through a static field just before the start.
   */
  public static final class TinkerBinding extends DefaultGraphManager {

    private static volatile Graph pending;

    static void handOver(Graph graph) {
      pending = graph;
    }

    public TinkerBinding(Settings settings) {
      super(settings);
      Graph graph = pending;
      if (graph == null) {
        throw new IllegalStateException("no TinkerGraph handed over");
      }
      pending = null;
      putGraph("graph", graph);
      putTraversalSource("g", graph.traversal());
    }
  }
}
