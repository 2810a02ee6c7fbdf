package io.nereid.gremlin.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.tinkerpop.gremlin.util.Gremlin;
import org.apache.tinkerpop.shaded.jackson.databind.node.ObjectNode;

/**
 * {@code GET /status}: Neptune's instance status document (graph-notebook and other clients read
 * {@code status} and {@code gremlin.version}), with Nereid's values.
 */
public final class StatusRoute implements HttpRoute {

  /** The version Nereid reports as its engine. */
  public static final String ENGINE_VERSION = "nereid-0.1.0";

  private final HttpContext context;

  public StatusRoute(HttpContext context) {
    this.context = context;
  }

  @Override
  public boolean matches(String path) {
    return path.equals("/status");
  }

  @Override
  public void handle(HttpExchange ex) {
    ObjectNode body = HttpExchange.object();
    body.put("status", "healthy");
    // Neptune writes the start time as java.util.Date does, in UTC.
    body.put("startTime", DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
        .format(Instant.ofEpochMilli(context.startMillis()).atOffset(ZoneOffset.UTC)));
    body.put("dbEngineVersion", ENGINE_VERSION);
    body.put("role", "writer");
    body.putObject("gremlin").put("version", "tinkerpop-" + Gremlin.version());
    ObjectNode features = body.putObject("features");
    features.put("Streams", "disabled");
    features.put("AuditLog", context.settings().enableAuditLog ? "enabled" : "disabled");
    features.put("IAMAuthentication", "disabled");
    features.put("Authentication", context.settings().authentication.authenticator
        .endsWith("AllowAllAuthenticator") ? "disabled" : "enabled");
    ObjectNode settings = body.putObject("settings");
    settings.put("clusterQueryTimeoutInMs", String.valueOf(context.settings().getEvaluationTimeout()));
    ex.respondJson(HttpResponseStatus.OK, body);
  }
}
