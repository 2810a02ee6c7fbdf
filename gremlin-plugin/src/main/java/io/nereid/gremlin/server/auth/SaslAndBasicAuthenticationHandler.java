package io.nereid.gremlin.server.auth;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.AbstractChannelizer;
import org.apache.tinkerpop.gremlin.server.GremlinServer;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticatedUser;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticationException;
import org.apache.tinkerpop.gremlin.server.auth.Authenticator;
import org.apache.tinkerpop.gremlin.server.authz.Authorizer;
import org.apache.tinkerpop.gremlin.server.handler.HttpBasicAuthorizationHandler;
import org.apache.tinkerpop.gremlin.server.handler.SaslAuthenticationHandler;
import org.apache.tinkerpop.gremlin.server.handler.StateKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SASL for WebSocket requests (Gremlin Server's own handler) and HTTP basic authentication for
 * HTTP requests on the same port. It takes the place of Gremlin Server's
 * SaslAndHttpBasicAuthenticationHandler, whose basic authentication decodes the credentials with
 * the URL-safe Base64 alphabet (so curl's standard encoding is refused whenever it holds '+' or
 * '/'), cuts them at every ':' (so a password cannot hold one), and answers 401 without the
 * WWW-Authenticate header HTTP requires.
 *
 * <p>Gremlin Server's WebSocket/HTTP switch moves this handler, under its pipeline name, in front
 * of the HTTP endpoints for HTTP connections, so every HTTP request passes it first.
 */
@ChannelHandler.Sharable
public class SaslAndBasicAuthenticationHandler extends SaslAuthenticationHandler {

  private static final Logger log = LoggerFactory.getLogger(SaslAndBasicAuthenticationHandler.class);
  private static final Logger audit = LoggerFactory.getLogger(GremlinServer.AUDIT_LOGGER_NAME);
  private static final String BASIC = "basic ";

  public SaslAndBasicAuthenticationHandler(Authenticator authenticator, Authorizer authorizer,
      Settings settings) {
    super(authenticator, authorizer, settings);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof FullHttpRequest) {
      basic(ctx, (FullHttpRequest) msg);
    } else {
      super.channelRead(ctx, msg);
    }
  }

  private void basic(ChannelHandlerContext ctx, FullHttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      refuse(ctx, request, "this server needs HTTP basic authentication (Authorization: Basic ...)");
      return;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      refuse(ctx, request, "the Authorization header is not Base64: " + e.getMessage());
      return;
    }
    int colon = decoded.indexOf(':'); // user names hold no colon; passwords may (RFC 7617)
    if (colon < 0) {
      refuse(ctx, request, "the Authorization header must encode user:password");
      return;
    }
    Map<String, String> credentials = new HashMap<>();
    credentials.put(CredentialsFileAuthenticator.USERNAME, decoded.substring(0, colon));
    credentials.put(CredentialsFileAuthenticator.PASSWORD, decoded.substring(colon + 1));
    String address = String.valueOf(ctx.channel().remoteAddress());
    credentials.put("address", address.startsWith("/") ? address.substring(1) : address);
    AuthenticatedUser user;
    try {
      user = authenticator.authenticate(credentials);
    } catch (AuthenticationException e) {
      refuse(ctx, request, e.getMessage());
      return;
    }
    ctx.channel().attr(StateKey.AUTHENTICATED_USER).set(user);
    if (settings.enableAuditLog) {
      audit.info("User {} with address {} authenticated by {}", user.getName(),
          credentials.get("address"), authenticator.getClass().getSimpleName());
    }
    if (authorizer != null) {
      if (ctx.pipeline().get(AbstractChannelizer.PIPELINE_AUTHORIZER) != null) {
        ctx.pipeline().remove(AbstractChannelizer.PIPELINE_AUTHORIZER);
      }
      ctx.pipeline().addAfter(ctx.name(), AbstractChannelizer.PIPELINE_AUTHORIZER,
          new HttpBasicAuthorizationHandler(authorizer));
    }
    ctx.fireChannelRead(request);
  }

  /** 401 with the challenge and a Neptune-style JSON error; the connection is then closed. */
  private static void refuse(ChannelHandlerContext ctx, FullHttpRequest request, String why) {
    ReferenceCountUtil.release(request);
    log.debug("HTTP request from {} refused: {}", ctx.channel().remoteAddress(), why);
    String body = "{\"requestId\":null,\"code\":\"AccessDeniedException\",\"detailedMessage\":\""
        + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.UNAUTHORIZED, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers()
        .set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"nereid\", charset=\"UTF-8\"")
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
        .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
