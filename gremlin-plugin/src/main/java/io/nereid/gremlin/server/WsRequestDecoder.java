package io.nereid.gremlin.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.tinkerpop.gremlin.server.handler.StateKey;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.MessageSerializer;
import org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3;
import org.apache.tinkerpop.gremlin.util.ser.MessageTextSerializer;
import org.apache.tinkerpop.gremlin.util.ser.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns WebSocket frames into requests, in place of Gremlin Server's text and binary decoders,
 * which answer an undecodable frame with "Invalid OpProcessor requested [null]" and quietly read a
 * frame of an unknown MIME type as GraphBinary. Here a binary frame must name a MIME type the
 * server has a serializer for, and a frame that does not deserialize is answered with status 498
 * (malformed request) and the parser's own message (for JSON: line and column).
 *
 * <p>An answer to a frame whose MIME type is unknown goes out as GraphSON 3 in a text frame: the
 * client cannot read any binary format the server knows, but every client can read JSON. The
 * connection stays open either way.
 */
@ChannelHandler.Sharable
final class WsRequestDecoder extends MessageToMessageDecoder<Object> {

  private static final Logger log = LoggerFactory.getLogger(WsRequestDecoder.class);

  /** Text frames are GraphSON, like Gremlin Server's: the serializer for this type reads them. */
  static final String TEXT_MIME = "application/json";
  /** The request id of answers to requests too broken to have one. */
  static final UUID UNKNOWN_REQUEST = new UUID(0, 0);

  private final Map<String, MessageSerializer<?>> serializers;
  private final MessageTextSerializer<?> text;

  WsRequestDecoder(Map<String, MessageSerializer<?>> serializers) {
    this.serializers = serializers;
    MessageSerializer<?> json = serializers.get(TEXT_MIME);
    // without a configured one, GraphSON 3 as Gremlin Server's own text decoder falls back to
    this.text = json instanceof MessageTextSerializer<?> t ? t : new GraphSONMessageSerializerV3();
  }

  @Override
  public boolean acceptInboundMessage(Object msg) {
    return msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, Object frame, List<Object> out) {
    ctx.channel().attr(StateKey.SESSION).set(null);
    if (frame instanceof TextWebSocketFrame) {
      use(ctx, text, false);
      try {
        out.add(text.deserializeRequest(((TextWebSocketFrame) frame).text()));
      } catch (SerializationException | RuntimeException e) {
        malformed(ctx, "a text frame must hold a GraphSON request; this one does not parse: "
            + rootMessage(e));
      }
      return;
    }
    ByteBuf bytes = ((BinaryWebSocketFrame) frame).content();
    int length = bytes.isReadable() ? bytes.readByte() : 0;
    if (length <= 0 || length > bytes.readableBytes()) {
      use(ctx, text, false);
      malformed(ctx, "a binary frame must start with the length (1 to 127) of its MIME type and"
          + " the type, e.g. 'application/vnd.graphbinary-v1.0'");
      return;
    }
    String mime = bytes.readCharSequence(length, StandardCharsets.UTF_8).toString();
    MessageSerializer<?> serializer = serializers.get(mime);
    if (serializer == null) {
      use(ctx, text, false);
      malformed(ctx, "no serializer for MIME type '" + mime + "' named by the binary frame; this"
          + " server reads " + serializers.keySet());
      return;
    }
    use(ctx, serializer, true);
    try {
      out.add(serializer.deserializeRequest(bytes.discardReadBytes()));
    } catch (SerializationException | RuntimeException e) {
      malformed(ctx, "the binary frame does not hold a request in " + mime + ": " + rootMessage(e));
    }
  }

  /** Answers with the serializer of this request, as Gremlin Server's decoders set it up. */
  private static void use(ChannelHandlerContext ctx, MessageSerializer<?> serializer, boolean binary) {
    ctx.channel().attr(StateKey.SERIALIZER).set(serializer);
    ctx.channel().attr(StateKey.USE_BINARY).set(binary);
  }

  private static void malformed(ChannelHandlerContext ctx, String message) {
    log.info("malformed request from {}: {}", ctx.channel().remoteAddress(), message);
    ctx.writeAndFlush(ResponseMessage.build(UNKNOWN_REQUEST)
        .code(ResponseStatusCode.REQUEST_ERROR_MALFORMED_REQUEST)
        .statusMessage(message)
        .create());
  }

  static String rootMessage(Throwable t) {
    String m = String.valueOf(t);
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        m = c.getMessage();
      }
    }
    return m;
  }
}
