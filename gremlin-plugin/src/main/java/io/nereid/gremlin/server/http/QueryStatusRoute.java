package io.nereid.gremlin.server.http;

import io.nereid.gremlin.server.RunningQueries;
import io.nereid.gremlin.server.RunningQueries.RunningQuery;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.UUID;
import org.apache.tinkerpop.shaded.jackson.databind.node.ArrayNode;
import org.apache.tinkerpop.shaded.jackson.databind.node.ObjectNode;

/**
 * Neptune's Gremlin query status API: the queries running now, over WebSocket (scripts and
 * bytecode) and HTTP alike, since all of them start through the graph manager.
 *
 * <ul>
 *   <li>{@code GET|POST /gremlin/status}: {@code {"acceptedQueryCount", "runningQueryCount",
 *       "queries": [...]}}; with {@code queryId}: that query alone.
 *   <li>{@code GET|POST /gremlin/status?cancelQuery&queryId=..} and {@code DELETE
 *       /gremlin/status/{queryId}}: interrupts the query's worker thread, which stops the traversal
 *       and rolls its transaction back; answers {@code {"status": "200 OK"}}.
 *   <li>{@code GET /gremlin/status/{queryId}}: that query alone (Neptune's data API).
 * </ul>
 *
 * A query id that is not running (finished, or never existed) is a 400 InvalidParameterException.
 */
public final class QueryStatusRoute implements HttpRoute {

  static final String PATH = "/gremlin/status";

  /** Neptune truncates the query text it lists to this many characters. */
  static final int MAX_QUERY_STRING = 1024;

  private final RunningQueries running;

  public QueryStatusRoute(HttpContext context) {
    this.running = context.graphManager().runningQueries();
  }

  @Override
  public boolean matches(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  @Override
  public void handle(HttpExchange ex) throws BadRequest {
    if (ex.path().startsWith(PATH + "/")) {
      String id = ex.path().substring(PATH.length() + 1);
      if (ex.method().equals(HttpMethod.DELETE)) {
        cancel(ex, id);
      } else if (ex.method().equals(HttpMethod.GET)) {
        ex.respondJson(HttpResponseStatus.OK, describe(find(id)));
      } else {
        throw notAllowed(ex, "GET or DELETE");
      }
      return;
    }
    if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.POST)) {
      throw notAllowed(ex, "GET or POST; DELETE " + PATH + "/{queryId} cancels a query");
    }
    String id = ex.param("queryId").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    if (ex.has("cancelQuery")) {
      if (id == null) {
        throw new BadRequest("MissingParameterException",
            "cancelQuery needs the queryId of the query to cancel");
      }
      cancel(ex, id);
    } else if (id != null) {
      ex.respondJson(HttpResponseStatus.OK, describe(find(id)));
    } else {
      ex.respondJson(HttpResponseStatus.OK, all());
    }
  }

  private ObjectNode all() {
    ObjectNode body = HttpExchange.object();
    ArrayNode queries = HttpExchange.JSON.createArrayNode();
    for (RunningQuery q : running.list()) {
      queries.add(describe(q));
    }
    body.put("acceptedQueryCount", running.acceptedCount());
    body.put("runningQueryCount", queries.size());
    body.set("queries", queries);
    return body;
  }

  private void cancel(HttpExchange ex, String id) throws BadRequest {
    if (!running.cancel(parse(id))) {
      throw notRunning(id);
    }
    ObjectNode body = HttpExchange.object();
    body.put("status", "200 OK");
    ex.respondJson(HttpResponseStatus.OK, body);
  }

  private RunningQuery find(String id) throws BadRequest {
    return running.get(parse(id)).orElseThrow(() -> notRunning(id));
  }

  static ObjectNode describe(RunningQuery q) {
    ObjectNode node = HttpExchange.object();
    node.put("queryId", q.requestId().toString());
    ObjectNode stats = node.putObject("queryEvalStats");
    stats.put("waited", q.waitedMillis());
    stats.put("elapsed", q.elapsedMillis());
    stats.put("cancelled", q.cancelled());
    String text = q.query();
    node.put("queryString", text.length() > MAX_QUERY_STRING ? text.substring(0, MAX_QUERY_STRING) : text);
    return node;
  }

  private static UUID parse(String id) throws BadRequest {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("InvalidParameterException",
          "queryId '" + id + "' is not a query id (query ids are UUIDs, as /gremlin/status lists them)");
    }
  }

  private static BadRequest notRunning(String id) {
    return new BadRequest("InvalidParameterException",
        "no query with queryId " + id + " is running (it has finished, is committing, or never"
            + " started)");
  }

  private static BadRequest notAllowed(HttpExchange ex, String allowed) {
    return new BadRequest(HttpResponseStatus.METHOD_NOT_ALLOWED, "BadRequestException",
        ex.method() + " is not allowed on " + ex.path() + " (use " + allowed + ")");
  }
}
