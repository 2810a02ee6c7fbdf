package io.nereid.gremlin.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.tinkerpop.shaded.jackson.core.JsonProcessingException;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.apache.tinkerpop.shaded.jackson.databind.ObjectMapper;
import org.apache.tinkerpop.shaded.jackson.databind.node.ObjectNode;

/**
 * One HTTP request and its answer. The request's body and parameters are read when the exchange is
 * made (the Netty buffer is released right after routing), so a route may answer later from
 * another thread.
 *
 * <p>Parameters come, as in Neptune, either from the query string or, for a POST, from a JSON
 * object or a form-encoded body; body values win.
 */
public final class HttpExchange {

  static final ObjectMapper JSON = new ObjectMapper();

  private final ChannelHandlerContext ctx;
  private final HttpMethod method;
  private final String path;
  private final boolean keepAlive;
  private final String origin;
  private final String accept;
  private final Map<String, JsonNode> params = new LinkedHashMap<>();
  private BadRequest bodyProblem;

  HttpExchange(ChannelHandlerContext ctx, FullHttpRequest req) {
    this.ctx = ctx;
    this.method = req.method();
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    String p = uri.path();
    this.path = p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    this.keepAlive = HttpUtil.isKeepAlive(req);
    this.origin = req.headers().get(HttpHeaderNames.ORIGIN);
    this.accept = req.headers().get(HttpHeaderNames.ACCEPT);
    uri.parameters().forEach((k, v) -> params.put(k, JSON.getNodeFactory().textNode(last(v))));
    if (req.content().isReadable()) {
      try {
        readBody(req);
      } catch (BadRequest e) {
        bodyProblem = e;
      }
    }
  }

  /** Why the body could not be read (not JSON, not an object), if it could not. */
  Optional<BadRequest> bodyProblem() {
    return Optional.ofNullable(bodyProblem);
  }

  private void readBody(FullHttpRequest req) throws BadRequest {
    String body = req.content().toString(StandardCharsets.UTF_8);
    String type = Optional.ofNullable(req.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse("");
    // curl -d sends JSON as a form (its default content type), and Neptune's examples do exactly
    // that: a body that looks like JSON is JSON, whatever the header says.
    if (type.startsWith("application/x-www-form-urlencoded") && !body.stripLeading().startsWith("{")) {
      new QueryStringDecoder(body, false)
          .parameters()
          .forEach((k, v) -> params.put(k, JSON.getNodeFactory().textNode(last(v))));
      return;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest(
          "BadRequestException",
          "the request body is not valid JSON: " + e.getOriginalMessage()
              + " (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + ")");
    }
    if (tree == null || tree.isMissingNode()) {
      return;
    }
    if (!tree.isObject()) {
      throw new BadRequest("BadRequestException", "the request body must be a JSON object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      params.put(e.getKey(), e.getValue());
    }
  }

  private static String last(List<String> values) {
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  public HttpMethod method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String accept() {
    return accept;
  }

  public ChannelHandlerContext context() {
    return ctx;
  }

  /** The names of the parameters given, in order. */
  public Set<String> paramNames() {
    return Collections.unmodifiableSet(params.keySet());
  }

  /** Whether the parameter was given at all (Neptune's {@code cancelQuery} has no value). */
  public boolean has(String name) {
    return params.containsKey(name);
  }

  /** A parameter as text (JSON strings unquoted, other JSON as written), if given. */
  public Optional<String> param(String name) {
    JsonNode n = params.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(n.isValueNode() ? n.asText() : n.toString());
  }

  /** A parameter as JSON (a query-string value is a JSON string). */
  public Optional<JsonNode> json(String name) {
    return Optional.ofNullable(params.get(name)).filter(n -> !n.isNull());
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public void respondJson(HttpResponseStatus status, JsonNode body) {
    String text;
    try {
      text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    respond(status, "application/json", Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  public void respondText(HttpResponseStatus status, String text) {
    respond(status, "text/plain; charset=UTF-8", Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
  }

  /** An error as Neptune writes it: {@code {"requestId", "code", "detailedMessage"}}. */
  public void respondError(HttpResponseStatus status, String requestId, String code, String message) {
    ObjectNode body = object();
    body.put("requestId", requestId);
    body.put("code", code);
    body.put("detailedMessage", message);
    respondJson(status, body);
  }

  public void respondError(BadRequest e, String requestId) {
    respondError(e.status(), requestId, e.code(), e.getMessage());
  }

  public void respond(HttpResponseStatus status, String contentType, ByteBuf content) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    if (origin != null) {
      response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    if (keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(response);
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
