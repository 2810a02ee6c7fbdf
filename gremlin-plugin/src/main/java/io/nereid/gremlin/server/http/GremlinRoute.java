package io.nereid.gremlin.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.util.MessageSerializer;
import org.apache.tinkerpop.gremlin.util.iterator.IteratorUtils;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;

/**
 * {@code GET|POST /gremlin} (and {@code /}, as Gremlin Server answers there): evaluates a
 * gremlin-lang script as one transaction and answers with the whole result in the serializer the
 * {@code Accept} header names (GraphSON 3 for {@code application/json} or none), as Neptune does.
 */
public final class GremlinRoute implements HttpRoute {

  private static final String DEFAULT_MIME = "application/json";

  private final HttpContext context;
  private final HttpQueryRunner runner;

  public GremlinRoute(HttpContext context, HttpQueryRunner runner) {
    this.context = context;
    this.runner = runner;
  }

  @Override
  public boolean matches(String path) {
    return path.equals("/gremlin") || path.equals("/");
  }

  @Override
  public void handle(HttpExchange ex) throws BadRequest {
    if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.POST)) {
      throw new BadRequest(HttpResponseStatus.METHOD_NOT_ALLOWED, "BadRequestException",
          ex.method() + " is not allowed on " + ex.path() + " (use GET or POST)");
    }
    String mime = chooseMime(ex.accept());
    MessageSerializer<?> serializer = context.serializers().get(mime);
    GremlinRequest request = GremlinRequest.of(ex, context.settings().getEvaluationTimeout());
    runner.submit(ex, request, (parsed, r) -> {
      List<Object> results = IteratorUtils.asList(parsed);
      ResponseMessage response =
          ResponseMessage.build(r.requestId()).code(ResponseStatusCode.SUCCESS).result(results).create();
      ByteBuf body = serializer.serializeResponseAsBinary(response, ByteBufAllocator.DEFAULT);
      return exchange -> exchange.respond(HttpResponseStatus.OK, mime, body);
    });
  }

  /** The first type of the Accept header the server has a serializer for. */
  private String chooseMime(String accept) throws BadRequest {
    if (accept == null || accept.isBlank()) {
      return DEFAULT_MIME;
    }
    Map<String, MessageSerializer<?>> serializers = context.serializers();
    for (String part : accept.split(",")) {
      String type = part.trim();
      int q = type.indexOf(";q=");
      if (q >= 0) {
        type = type.substring(0, q).trim();
      }
      if (type.equals("*/*") || type.equals("application/*")) {
        return DEFAULT_MIME;
      }
      if (serializers.containsKey(type)) {
        return type;
      }
    }
    throw new BadRequest(HttpResponseStatus.NOT_ACCEPTABLE, "BadRequestException",
        "no serializer for the Accept header '" + accept + "'; the server has "
            + serializers.keySet());
  }
}
