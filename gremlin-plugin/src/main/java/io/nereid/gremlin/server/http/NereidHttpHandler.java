package io.nereid.gremlin.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import org.apache.tinkerpop.gremlin.server.handler.HttpGremlinEndpointHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All of the server's HTTP: Neptune's endpoints ({@code /gremlin}, {@code /status}, ...) routed to
 * {@link HttpRoute}s. It takes the place of Gremlin Server's own HTTP handler (whose type it
 * extends only so that Gremlin Server's WebSocket/HTTP switch accepts it): that handler evaluates
 * scripts with Groovy when no language is given and leaves a failed request's transaction open on
 * its pooled thread, neither of which Nereid wants.
 */
public final class NereidHttpHandler extends HttpGremlinEndpointHandler {

  private static final Logger log = LoggerFactory.getLogger(NereidHttpHandler.class);

  private final List<HttpRoute> routes;

  public NereidHttpHandler(HttpContext context, List<HttpRoute> routes) {
    super(context.serializers(), context.gremlinExecutor(), context.graphManager(), context.settings());
    this.routes = List.copyOf(routes);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest)) {
      ctx.fireChannelRead(msg);
      return;
    }
    FullHttpRequest req = (FullHttpRequest) msg;
    try {
      if (HttpUtil.is100ContinueExpected(req)) {
        ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
      }
      HttpExchange exchange = new HttpExchange(ctx, req);
      if (exchange.bodyProblem().isPresent()) {
        exchange.respondError(exchange.bodyProblem().get(), null);
        return;
      }
      route(exchange);
    } finally {
      ReferenceCountUtil.release(req);
    }
  }

  private void route(HttpExchange exchange) {
    try {
      for (HttpRoute route : routes) {
        if (route.matches(exchange.path())) {
          route.handle(exchange);
          return;
        }
      }
      throw new BadRequest(
          HttpResponseStatus.NOT_FOUND,
          "BadRequestException",
          "no endpoint at " + exchange.path()
              + " (endpoints: /gremlin, /gremlin/explain, /gremlin/profile, /gremlin/status,"
              + " /status, /loader)");
    } catch (BadRequest e) {
      exchange.respondError(e, null);
    } catch (RuntimeException e) {
      log.warn("HTTP request to {} failed", exchange.path(), e);
      exchange.respondError(
          HttpResponseStatus.INTERNAL_SERVER_ERROR, null, "InternalFailureException", String.valueOf(e));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.warn("HTTP connection failed: {}", cause.toString());
    ctx.close();
  }
}
