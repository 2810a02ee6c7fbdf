package io.nereid.gremlin.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.remote.DriverRemoteConnection;
import org.apache.tinkerpop.gremlin.process.traversal.AnonymousTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;

/**
 * A real Nereid server for tests: the repository's own {@code conf/nereid-server.yaml} and {@code
 * conf/nereid.properties}, a free port, and a fresh data directory. Clusters made here are closed
 * with the server.
 */
public final class TestServer implements AutoCloseable {

  /** The repository's conf/ folder, seen from the module directory tests run in. */
  public static final Path CONF = Path.of("..", "conf");

  private final NereidServer server;
  private final List<Cluster> clusters = new ArrayList<>();

  private TestServer(NereidServer server) {
    this.server = server;
  }

  public static TestServer start(Path dataDir) throws Exception {
    return start(dataDir, s -> {});
  }

  /** Starts with the shipped configuration, changed by {@code customize} before start. */
  public static TestServer start(Path dataDir, Consumer<Settings> customize) throws Exception {
    return start("nereid-server.yaml", dataDir, customize);
  }

  /** Starts with the shipped configuration {@code conf/<yaml>}, changed by {@code customize}. */
  public static TestServer start(String yaml, Path dataDir, Consumer<Settings> customize)
      throws Exception {
    Settings settings = NereidSettings.read(CONF.resolve(yaml));
    settings.port = freePort();
    settings.graphs.replaceAll((name, file) -> CONF.resolve(Path.of(file).getFileName()).toString());
    NereidServer.overrideDataDirectory(settings, dataDir.toString());
    customize.accept(settings);
    return new TestServer(NereidServer.start(settings));
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return server.port();
  }

  public NereidServer server() {
    return server;
  }

  public String httpUrl(String path) {
    return "http://localhost:" + port() + path;
  }

  /** A cluster on this server with the given serializer (closed with the server). */
  public Cluster cluster(Serializers serializer) {
    return cluster(Cluster.build("localhost").port(port()).serializer(serializer));
  }

  public Cluster cluster(Cluster.Builder builder) {
    Cluster c = builder.create();
    clusters.add(c);
    return c;
  }

  /** A remote traversal source over bytecode. */
  public GraphTraversalSource remote(Cluster cluster) {
    return AnonymousTraversalSource.traversal().withRemote(DriverRemoteConnection.using(cluster, "g"));
  }

  @Override
  public void close() {
    for (Cluster c : clusters) {
      c.close();
    }
    server.close();
  }
}
