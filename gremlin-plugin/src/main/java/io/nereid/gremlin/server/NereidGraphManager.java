package io.nereid.gremlin.server;

import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;
import org.apache.tinkerpop.gremlin.structure.Graph;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;

/**
 * Opens the graphs of the server's yaml and binds a traversal source for each without an init
 * script (Nereid runs no Groovy): the graph named {@code graph} is bound as {@code g}, any other
 * graph {@code x} as {@code g_x}.
 *
 * <p>It also sees every request start and end in the worker thread that evaluates it, which is
 * where it keeps {@link RunningQueries} and where it makes sure that a sessionless request never
 * starts inside a transaction a failed request on the same pooled thread left open.
 */
public class NereidGraphManager extends DefaultGraphManager {

  /** Name of the traversal source bound to the graph named {@code graph}. */
  public static final String DEFAULT_SOURCE = "g";

  private final RunningQueries running = new RunningQueries();

  public NereidGraphManager(Settings settings) {
    super(settings);
    for (String name : getGraphNames()) {
      putTraversalSource(sourceName(name), getGraph(name).traversal());
    }
  }

  /** The traversal source name bound for a graph of the yaml's {@code graphs}. */
  public static String sourceName(String graphName) {
    return graphName.equals("graph") ? DEFAULT_SOURCE : "g_" + graphName;
  }

  public RunningQueries runningQueries() {
    return running;
  }

  @Override
  public void beforeQueryStart(RequestMessage msg) {
    if (msg.optionalArgs(Tokens.ARGS_SESSION).isEmpty()) {
      rollbackOpenTransactions();
    }
    running.start(msg.getRequestId(), () -> describe(msg));
  }

  @Override
  public void onQuerySuccess(RequestMessage msg) {
    running.finish(msg.getRequestId());
  }

  @Override
  public void onQueryError(RequestMessage msg, Throwable error) {
    running.finish(msg.getRequestId());
  }

  /** Rolls back whatever transaction the calling thread still has open on any graph. */
  void rollbackOpenTransactions() {
    for (String name : getGraphNames()) {
      Graph graph = getGraph(name);
      if (graph.features().graph().supportsTransactions() && graph.tx().isOpen()) {
        graph.tx().rollback();
      }
    }
  }

  /** The query text shown by {@code /gremlin/status}: the script, or the bytecode's steps. */
  static String describe(RequestMessage msg) {
    return String.valueOf(msg.getArgs().getOrDefault(Tokens.ARGS_GREMLIN, ""));
  }
}
