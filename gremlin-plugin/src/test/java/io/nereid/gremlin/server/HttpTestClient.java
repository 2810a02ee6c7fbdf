package io.nereid.gremlin.server;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.apache.tinkerpop.shaded.jackson.databind.ObjectMapper;

/** java.net.http against a {@link TestServer}: the requests Neptune's HTTP clients send. */
final class HttpTestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer server;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();

  HttpTestClient(TestServer server) {
    this.server = server;
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return send(request(pathAndQuery).GET().build());
  }

  /** GET with the parameters URL-encoded into the query string. */
  HttpResponse<String> get(String path, Map<String, String> params) throws IOException, InterruptedException {
    return get(path + "?" + form(params));
  }

  HttpResponse<String> postJson(String path, Object body) throws IOException, InterruptedException {
    return send(postJsonRequest(path, body, null));
  }

  HttpResponse<String> postJson(String path, Object body, String accept)
      throws IOException, InterruptedException {
    return send(postJsonRequest(path, body, accept));
  }

  CompletableFuture<HttpResponse<String>> postJsonAsync(String path, Object body) {
    return http.sendAsync(postJsonRequest(path, body, null), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postRaw(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> method(String method, String path) throws IOException, InterruptedException {
    return send(request(path).method(method, HttpRequest.BodyPublishers.noBody()).build());
  }

  private HttpRequest postJsonRequest(String path, Object body, String accept) {
    String text = body instanceof String s ? s : write(body);
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return b.build();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(server.httpUrl(pathAndQuery))).timeout(Duration.ofSeconds(60));
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
            + (e.getValue() == null ? "" : "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)))
        .collect(Collectors.joining("&"));
  }

  static Map<String, Object> params(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
