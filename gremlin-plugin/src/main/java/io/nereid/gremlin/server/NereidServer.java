package io.nereid.gremlin.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.op.OpLoader;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nereid behind Gremlin Server: {@code bin/nereid server [--conf yaml] [--data dir] [--port n]
 * [--host h]}. Stops cleanly on SIGTERM (Gremlin Server's shutdown hook closes the graphs, which
 * rolls back open transactions and closes the stores).
 */
public final class NereidServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NereidServer.class);

  /** The configuration {@code bin/nereid server} reads unless told otherwise. */
  public static final String DEFAULT_CONF = "conf/nereid-server.yaml";

  private final GremlinServer server;
  private final ServerGremlinExecutor executor;
  private final Settings settings;

  private NereidServer(GremlinServer server, ServerGremlinExecutor executor, Settings settings) {
    this.server = server;
    this.executor = executor;
    this.settings = settings;
  }

  /** Starts a server; returns once it accepts connections. */
  public static NereidServer start(Settings settings) throws Exception {
    NereidSettings.applyDefaults(settings);
    GremlinServer server = new GremlinServer(settings);
    ServerGremlinExecutor executor;
    try {
      executor = server.start().join();
    } catch (RuntimeException e) {
      // the graphs are open (Gremlin Server opens them before it starts): close them again
      try {
        server.stop().join();
      } catch (RuntimeException stopping) {
        e.addSuppressed(stopping);
      } finally {
        OpLoader.reset();
      }
      throw e;
    }
    return new NereidServer(server, executor, settings);
  }

  public int port() {
    return settings.port;
  }

  public Settings settings() {
    return settings;
  }

  public NereidGraphManager graphManager() {
    return (NereidGraphManager) executor.getGraphManager();
  }

  /**
   * Stops the server and closes its graphs. Resets Gremlin Server's static op-processor registry
   * so that another server can start in this JVM (tests start many).
   */
  @Override
  public void close() {
    try {
      server.stop().join();
    } finally {
      OpLoader.reset();
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = ServerArgs.parse(args);
    Path conf = Path.of(opts.getOrDefault("conf", DEFAULT_CONF));
    Settings settings = NereidSettings.read(conf);
    if (opts.containsKey("port")) {
      settings.port = Integer.parseInt(opts.get("port"));
    }
    if (opts.containsKey("host")) {
      settings.host = opts.get("host");
    }
    if (opts.containsKey("data")) {
      overrideDataDirectory(settings, opts.get("data"));
    }
    NereidServer server;
    try {
      server = start(settings);
    } catch (Exception e) {
      System.err.println("Nereid server did not start: " + reasons(e));
      log.error("Nereid server did not start", e);
      System.exit(1);
      return;
    }
    log.info("Nereid serving graphs {} on {}:{} (WebSocket and HTTP)",
        settings.graphs.keySet(), settings.host, settings.port);
    System.err.printf("Nereid server listening on %s:%d; graphs %s%n",
        settings.host, server.port(), settings.graphs);
  }

  /** The distinct messages of an exception's causes, outermost first (the root names the file). */
  static String reasons(Throwable e) {
    java.util.List<String> messages = new java.util.ArrayList<>();
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && !m.isBlank() && messages.stream().noneMatch(x -> x.contains(m))) {
        messages.add(m);
      }
    }
    return messages.isEmpty() ? String.valueOf(e) : String.join(": ", messages);
  }

  /**
   * Points every graph of the yaml at {@code dir}: writes a copy of its properties file with
   * {@code nereid.directory} replaced (Gremlin Server opens graphs from files only).
   */
  static void overrideDataDirectory(Settings settings, String dir) throws IOException {
    if (settings.graphs.size() != 1) {
      throw new IllegalArgumentException(
          "--data needs exactly one graph in the yaml's graphs, it has " + settings.graphs.keySet());
    }
    Map.Entry<String, String> graph = settings.graphs.entrySet().iterator().next();
    Properties props = new Properties();
    try (InputStream in = Files.newInputStream(Path.of(graph.getValue()))) {
      props.load(in);
    }
    props.setProperty("nereid.directory", Path.of(dir).toAbsolutePath().toString());
    Path copy = Files.createTempFile("nereid-graph-", ".properties");
    copy.toFile().deleteOnExit();
    try (OutputStream out = Files.newOutputStream(copy)) {
      props.store(out, "written by bin/nereid server --data " + dir);
    }
    settings.graphs.put(graph.getKey(), copy.toString());
  }
}
