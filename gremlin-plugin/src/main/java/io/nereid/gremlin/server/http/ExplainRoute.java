package io.nereid.gremlin.server.http;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import javax.script.ScriptException;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;

/**
 * {@code GET|POST /gremlin/explain}: Neptune's explain, a plain-text report of how Nereid would run
 * the traversal (which Nereid steps scan which key ranges of which partitions, and which steps stay
 * TinkerPop's) without running it. Parameters are those of {@code /gremlin}.
 *
 * <p>Explain goes through the same worker pool, timeout and {@code /gremlin/status} listing as a
 * query, and its transaction is rolled back, not committed: applying strategies reads and writes
 * nothing, and the rollback makes sure of it.
 */
public final class ExplainRoute implements HttpRoute {

  static final String PATH = "/gremlin/explain";

  private final HttpContext context;
  private final HttpQueryRunner runner;

  public ExplainRoute(HttpContext context, HttpQueryRunner runner) {
    this.context = context;
    this.runner = runner;
  }

  @Override
  public boolean matches(String path) {
    return path.equals(PATH);
  }

  @Override
  public void handle(HttpExchange ex) throws BadRequest {
    requireGetOrPost(ex);
    GremlinRequest request = GremlinRequest.of(ex, context.settings().getEvaluationTimeout());
    TraversalScript script;
    try {
      script = traversalOf(request, PATH);
    } catch (BadRequest e) {
      ex.respondError(e, request.requestId().toString());
      return;
    }
    runner.submit(ex, request, r -> runner.eval(script.traversalText(), r.bindings()), (parsed, r) -> {
      Traversal.Admin<?, ?> traversal = ((Traversal<?, ?>) parsed).asAdmin();
      String report = new QueryReport("Nereid Gremlin Explain").plan(r.script(), script, traversal).text();
      context.graphManager().rollbackAll();
      return exchange -> exchange.respondText(HttpResponseStatus.OK, report);
    });
  }

  /**
   * The one traversal of the request's script; a syntax error is a MalformedQueryException. It is
   * parsed here, on the connection's thread, so that a script that is not one traversal is refused
   * before it takes a worker.
   */
  static TraversalScript traversalOf(GremlinRequest request, String endpoint) throws BadRequest {
    try {
      return TraversalScript.of(request.script(), endpoint);
    } catch (ScriptException e) {
      throw new BadRequest("MalformedQueryException", HttpErrors.message(e));
    }
  }

  static void requireGetOrPost(HttpExchange ex) throws BadRequest {
    if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.POST)) {
      throw new BadRequest(HttpResponseStatus.METHOD_NOT_ALLOWED, "BadRequestException",
          ex.method() + " is not allowed on " + ex.path() + " (use GET or POST)");
    }
  }
}
