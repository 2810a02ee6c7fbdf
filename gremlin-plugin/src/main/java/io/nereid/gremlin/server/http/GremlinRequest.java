package io.nereid.gremlin.server.http;

import io.nereid.gremlin.server.LanguagePolicy;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;

/**
 * The Gremlin of an HTTP request ({@code /gremlin}, {@code /gremlin/explain}, {@code
 * /gremlin/profile}): the script, its bindings (JSON values), the timeout and an id. Parameters are
 * Gremlin Server's and Neptune's: {@code gremlin}, {@code bindings}, {@code language}, {@code
 * evaluationTimeout} (ms) and {@code requestId}.
 */
public record GremlinRequest(
    UUID requestId, String script, Map<String, Object> bindings, long timeoutMillis) {

  public static GremlinRequest of(HttpExchange ex, long defaultTimeoutMillis) throws BadRequest {
    String script =
        ex.param("gremlin")
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new BadRequest(
                        "MissingParameterException",
                        "the request has no Gremlin: give it as the 'gremlin' parameter,"
                            + " e.g. {\"gremlin\": \"g.V().count()\"}"));
    String language = ex.param("language").orElse(null);
    if (LanguagePolicy.scriptLanguage(language).isEmpty()) {
      throw new BadRequest("BadRequestException", LanguagePolicy.refusedLanguage(language));
    }
    return new GremlinRequest(
        requestId(ex), script, bindings(ex), timeout(ex, defaultTimeoutMillis));
  }

  private static UUID requestId(HttpExchange ex) throws BadRequest {
    String id = ex.param("requestId").orElse(null);
    if (id == null) {
      return UUID.randomUUID();
    }
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("BadRequestException", "requestId '" + id + "' is not a UUID");
    }
  }

  private static long timeout(HttpExchange ex, long defaultTimeoutMillis) throws BadRequest {
    String t = ex.param("evaluationTimeout").orElse(null);
    if (t == null) {
      return defaultTimeoutMillis;
    }
    try {
      long ms = Long.parseLong(t.trim());
      if (ms < 0) {
        throw new NumberFormatException();
      }
      return ms;
    } catch (NumberFormatException e) {
      throw new BadRequest(
          "BadRequestException", "evaluationTimeout '" + t + "' is not a number of milliseconds");
    }
  }

  private static Map<String, Object> bindings(HttpExchange ex) throws BadRequest {
    JsonNode node = ex.json("bindings").orElse(null);
    if (node == null) {
      return Map.of();
    }
    if (node.isTextual()) {
      // from a query string or a form: the JSON object as text
      try {
        node = HttpExchange.JSON.readTree(node.asText());
      } catch (IOException e) {
        throw new BadRequest("BadRequestException",
            "bindings must be a JSON object, e.g. {\"x\": 1}; got '" + node.asText() + "'");
      }
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("BadRequestException", "bindings must be a JSON object");
    }
    Map<String, Object> out = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), HttpExchange.JSON.convertValue(e.getValue(), Object.class));
    }
    return out;
  }
}
