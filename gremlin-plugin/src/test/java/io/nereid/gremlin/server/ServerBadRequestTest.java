package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.apache.tinkerpop.gremlin.util.ser.GraphSONMessageSerializerV3;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed WebSocket requests, from the Java driver and from a raw java.net.http WebSocket: each
 * gets an error answer (or, past the size limit, a closed connection) and the server keeps serving.
 */
class ServerBadRequestTest {

  static final int MAX_CONTENT = 64 * 1024;

  @TempDir static Path dir;
  static TestServer server;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, s -> s.maxContentLength = MAX_CONTENT);
    client = server.cluster(Serializers.GRAPHBINARY_V1).connect();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void stillServing() throws Exception {
    assertEquals(3L, client.submit("g.inject(1, 2, 3).count()").all().get(30, TimeUnit.SECONDS)
        .get(0).getLong());
  }

  @Test
  void aSyntaxErrorSaysWhere() throws Exception {
    ResponseException e = refused(() -> client.submit("g.V().has('name', 'x'").all().get());
    assertEquals(ResponseStatusCode.SERVER_ERROR_EVALUATION, e.getResponseStatusCode());
    assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("position"), e.getMessage());
    stillServing();
  }

  @Test
  void anUnknownStepIsNamed() throws Exception {
    ResponseException e = refused(() -> client.submit("g.V().fooBar()").all().get());
    assertEquals(ResponseStatusCode.SERVER_ERROR_EVALUATION, e.getResponseStatusCode());
    assertTrue(e.getMessage().contains("fooBar"), e.getMessage());
    stillServing();
  }

  @Test
  void aRequestOverMaxContentLengthClosesOnlyItsConnection() throws Exception {
    Cluster cluster = server.cluster(Cluster.build("localhost").port(server.port())
        .serializer(Serializers.GRAPHBINARY_V1).maxContentLength(4 * MAX_CONTENT));
    Client big = cluster.connect();
    // random letters: WebSocket compression must not shrink the frame below the limit
    java.util.Random random = new java.util.Random(7);
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < 3 * MAX_CONTENT; i++) {
      letters.append((char) ('a' + random.nextInt(26)));
    }
    String huge = "g.inject('" + letters + "').count()";
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> big.submit(huge).all().get(60, TimeUnit.SECONDS));
    assertTrue(String.valueOf(e.getCause()).contains("Connection to server is no longer active"),
        String.valueOf(e.getCause()));
    stillServing();
    // the same cluster reconnects for a request of ordinary size
    assertEquals(1L, big.submit("g.inject('small').count()").all().get(30, TimeUnit.SECONDS)
        .get(0).getLong());
  }

  @Test
  void anUnknownSerializerIsAnsweredWithAnError() throws Exception {
    RawSocket ws = RawSocket.open(server.port());
    byte[] mime = "application/vnd.nereid-unknown-v9".getBytes(StandardCharsets.US_ASCII);
    byte[] body = "{\"op\":\"eval\",\"args\":{\"gremlin\":\"g.V()\"}}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(1 + mime.length + body.length);
    frame.put((byte) mime.length).put(mime).put(body).flip();
    ws.socket.sendBinary(frame, true);
    // answered in JSON: the client cannot read any binary format the server knows
    ResponseMessage response =
        new GraphSONMessageSerializerV3().deserializeResponse(ws.text.get(30, TimeUnit.SECONDS));
    assertEquals(ResponseStatusCode.REQUEST_ERROR_MALFORMED_REQUEST, response.getStatus().getCode(),
        response.getStatus().getMessage());
    assertTrue(response.getStatus().getMessage().contains("application/vnd.nereid-unknown-v9"),
        response.getStatus().getMessage());
    ws.close();
    stillServing();
  }

  @Test
  void aBinaryFrameThatIsNotGraphBinaryIsAnsweredInGraphBinary() throws Exception {
    RawSocket ws = RawSocket.open(server.port());
    byte[] mime = "application/vnd.graphbinary-v1.0".getBytes(StandardCharsets.US_ASCII);
    byte[] body = "not graph binary".getBytes(StandardCharsets.UTF_8);
    ByteBuffer frame = ByteBuffer.allocate(1 + mime.length + body.length);
    frame.put((byte) mime.length).put(mime).put(body).flip();
    ws.socket.sendBinary(frame, true);
    ResponseMessage response = new GraphBinaryMessageSerializerV1()
        .deserializeResponse(Unpooled.wrappedBuffer(ws.binary.get(30, TimeUnit.SECONDS)));
    assertEquals(ResponseStatusCode.REQUEST_ERROR_MALFORMED_REQUEST, response.getStatus().getCode());
    assertTrue(response.getStatus().getMessage().contains("application/vnd.graphbinary-v1.0"),
        response.getStatus().getMessage());
    ws.close();
    stillServing();
  }

  @Test
  void invalidJsonInATextFrameIsAnsweredWithAnError() throws Exception {
    RawSocket ws = RawSocket.open(server.port());
    ws.socket.sendText("{\"requestId\": \"not closed\", \"op\": \"eval\", ", true);
    String answer = ws.text.get(30, TimeUnit.SECONDS);
    ResponseMessage response = new GraphSONMessageSerializerV3().deserializeResponse(answer);
    assertEquals(ResponseStatusCode.REQUEST_ERROR_MALFORMED_REQUEST, response.getStatus().getCode(),
        answer);
    assertTrue(response.getStatus().getMessage().contains("does not parse")
        && response.getStatus().getMessage().contains("column"), answer);
    ws.close();
    stillServing();
  }

  /** A plain WebSocket on /gremlin that keeps the first whole binary and text message. */
  static final class RawSocket implements WebSocket.Listener {
    final CompletableFuture<byte[]> binary = new CompletableFuture<>();
    final CompletableFuture<String> text = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream binaryParts = new java.io.ByteArrayOutputStream();
    private final StringBuilder textParts = new StringBuilder();
    WebSocket socket;

    static RawSocket open(int port) throws Exception {
      RawSocket raw = new RawSocket();
      raw.socket = HttpClient.newHttpClient().newWebSocketBuilder()
          .buildAsync(URI.create("ws://localhost:" + port + "/gremlin"), raw)
          .get(30, TimeUnit.SECONDS);
      return raw;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      byte[] b = new byte[data.remaining()];
      data.get(b);
      binaryParts.writeBytes(b);
      if (last) {
        binary.complete(binaryParts.toByteArray());
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      textParts.append(data);
      if (last) {
        text.complete(textParts.toString());
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      binary.completeExceptionally(error);
      text.completeExceptionally(error);
    }

    void close() throws Exception {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }
  }

  static ResponseException refused(ServerWebSocketTest.Call call) {
    return ServerSessionTest.refused(call);
  }
}
