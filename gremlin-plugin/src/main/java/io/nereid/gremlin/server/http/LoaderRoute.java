package io.nereid.gremlin.server.http;

import io.nereid.graph.load.LoadJob;
import io.nereid.graph.load.LoadStatusJson;
import io.nereid.gremlin.server.loader.LoaderService;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;

/**
 * Neptune's bulk loader API: {@code POST /loader} starts a load of files on the server's machine
 * ({@link LoadRequest} reads the parameters), {@code GET /loader/{loadId}} (or {@code
 * ?loadId=}) reports it with {@code details}, {@code errors}, {@code page}, {@code errorsPerPage},
 * {@code GET /loader} lists load ids ({@code limit}, {@code includeQueuedLoads}), {@code DELETE
 * /loader/{loadId}} cancels. Bodies are Neptune's: {@code {"status":"200 OK","payload":...}}.
 */
public final class LoaderRoute implements HttpRoute {

  private final LoaderService service;

  public LoaderRoute(LoaderService service) {
    this.service = service;
  }

  @Override
  public boolean matches(String path) {
    return path.equals("/loader") || path.startsWith("/loader/");
  }

  @Override
  public void handle(HttpExchange ex) throws BadRequest {
    String tail = ex.path().length() > "/loader/".length()
        ? ex.path().substring("/loader/".length()) : "";
    Optional<String> loadId = tail.isEmpty() ? ex.param("loadId") : Optional.of(tail);
    try {
      HttpMethod m = ex.method();
      if (m.equals(HttpMethod.POST) && tail.isEmpty()) {
        start(ex);
      } else if (m.equals(HttpMethod.GET) && loadId.isPresent()) {
        status(ex, loadId.get());
      } else if (m.equals(HttpMethod.GET)) {
        list(ex);
      } else if (m.equals(HttpMethod.DELETE) && loadId.isPresent()) {
        cancel(ex, loadId.get());
      } else if (m.equals(HttpMethod.DELETE)) {
        throw new BadRequest("MissingParameterException",
            "DELETE /loader needs the load id: DELETE /loader/{loadId} or ?loadId=");
      } else {
        throw new BadRequest(HttpResponseStatus.METHOD_NOT_ALLOWED, "BadRequestException",
            m + " " + ex.path() + " is not supported: POST /loader starts a load, GET"
                + " /loader[/{loadId}] reports, DELETE /loader/{loadId} cancels");
      }
    } catch (LoaderService.Refused e) {
      throw new BadRequest(e.code(), e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void start(HttpExchange ex) throws BadRequest, LoaderService.Refused, IOException {
    LoadRequest r = LoadRequest.read(ex.paramNames(), ex::json);
    String id = service.start(r.sources(), r.options(), r.queueRequest());
    JsonNode body = HttpExchange.object().put("status", "200 OK")
        .set("payload", HttpExchange.object().put("loadId", id));
    ex.respondJson(HttpResponseStatus.OK, body);
  }

  private void status(HttpExchange ex, String loadId) throws BadRequest, IOException {
    boolean details = bool(ex, "details");
    boolean errors = bool(ex, "errors");
    int page = number(ex, "page", 1, 1, Integer.MAX_VALUE);
    int perPage = number(ex, "errorsPerPage", 10, 1, LoadJob.MAX_ERRORS);
    LoadJob.View v = service.status(loadId).orElseThrow(() -> notFound(loadId));
    json(ex, LoadStatusJson.status(v, details, errors, page, perPage));
  }

  private void list(HttpExchange ex) throws BadRequest, IOException {
    int limit = number(ex, "limit", 100, 1, 100);
    boolean queued = ex.param("includeQueuedLoads").isEmpty() || bool(ex, "includeQueuedLoads");
    json(ex, LoadStatusJson.list(service.list(limit, queued)));
  }

  private void cancel(HttpExchange ex, String loadId)
      throws BadRequest, LoaderService.Refused, IOException {
    service.cancel(loadId).orElseThrow(() -> notFound(loadId));
    ex.respondJson(HttpResponseStatus.OK, HttpExchange.object().put("status", "200 OK"));
  }

  private static BadRequest notFound(String loadId) {
    return new BadRequest(HttpResponseStatus.NOT_FOUND, "BulkLoadIdNotFoundException",
        "no load with id " + loadId);
  }

  /** Answers the loader's JSON text, laid out as the server's other JSON answers. */
  private static void json(HttpExchange ex, String text) {
    try {
      ex.respondJson(HttpResponseStatus.OK, HttpExchange.JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** TRUE or FALSE in any case (JSON booleans too); absent is FALSE. */
  private static boolean bool(HttpExchange ex, String name) throws BadRequest {
    Optional<String> v = ex.param(name);
    if (v.isEmpty()) {
      return false;
    }
    return switch (v.get().toUpperCase(Locale.ROOT)) {
      case "TRUE" -> true;
      case "FALSE" -> false;
      default -> throw new BadRequest("InvalidParameterException",
          name + " must be TRUE or FALSE, not '" + v.get() + "'");
    };
  }

  private static int number(HttpExchange ex, String name, int dflt, int min, int max)
      throws BadRequest {
    Optional<String> v = ex.param(name);
    if (v.isEmpty()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get().trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the message
    }
    throw new BadRequest("InvalidParameterException",
        name + " must be a whole number from " + min + " to " + max + ", not '" + v.get() + "'");
  }
}
