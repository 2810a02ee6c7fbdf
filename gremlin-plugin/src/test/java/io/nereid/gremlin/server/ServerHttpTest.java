package io.nereid.gremlin.server;

import static io.nereid.gremlin.server.HttpTestClient.json;
import static io.nereid.gremlin.server.HttpTestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.ser.GraphBinaryMessageSerializerV1;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's HTTP with java.net.http: {@code /status}, {@code /gremlin} in its GET, JSON, form
 * and serializer variants, and one clear Neptune-style error for each kind of bad request, after
 * which the server keeps serving.
 */
class ServerHttpTest {

  @TempDir static Path dir;
  static TestServer server;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    http = new HttpTestClient(server);
    HttpResponse<String> seeded = http.postJson("/gremlin", params("gremlin",
        "g.addV('person').property(T.id,'h1').property('name','marko').property('age',29)"));
    assertEquals(200, seeded.statusCode(), seeded.body());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void statusDescribesTheInstance() throws Exception {
    HttpResponse<String> r = http.get("/status");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode status = json(r);
    assertEquals("healthy", status.get("status").asText());
    assertTrue(status.get("gremlin").get("version").asText().startsWith("tinkerpop-3.7"), r.body());
    assertTrue(status.get("dbEngineVersion").asText().startsWith("nereid-"), r.body());
    assertTrue(status.get("startTime").asText().contains("UTC"), r.body());
    assertTrue(status.get("settings").has("clusterQueryTimeoutInMs"), r.body());
  }

  @Test
  void gremlinByGetJsonAndFormWithBindings() throws Exception {
    // GET, default serializer: application/json is GraphSON 3 with types
    HttpResponse<String> get = http.get("/gremlin", Map.of("gremlin", "g.V('h1').values('name')"));
    assertEquals(200, get.statusCode(), get.body());
    JsonNode data = json(get).get("result").get("data");
    assertEquals("g:List", data.get("@type").asText(), get.body());
    assertEquals("marko", data.get("@value").get(0).asText());

    HttpResponse<String> post = http.postJson("/gremlin",
        params("gremlin", "g.V(x).values('age')", "bindings", Map.of("x", "h1")));
    JsonNode age = json(post).get("result").get("data").get("@value").get(0);
    assertEquals("g:Int32", age.get("@type").asText(), post.body());
    assertEquals(29, age.get("@value").asInt());

    HttpResponse<String> form = http.postRaw("/gremlin", "application/x-www-form-urlencoded",
        HttpTestClient.form(Map.of("gremlin", "g.V(x).values('name')", "bindings", "{\"x\":\"h1\"}")));
    assertEquals(200, form.statusCode(), form.body());
    assertEquals("marko", json(form).get("result").get("data").get("@value").get(0).asText());

    // a write is committed and seen by the next request
    http.postJson("/gremlin", params("gremlin", "g.V('h1').property(single,'age',30)"));
    assertEquals(30, untyped("g.V('h1').values('age')").get(0).asInt());
  }

  @Test
  void acceptChoosesTheSerializer() throws Exception {
    String script = "g.V('h1').valueMap('name')";
    JsonNode untyped3 = data(script, "application/vnd.gremlin-v3.0+json;types=false");
    assertEquals("marko", untyped3.get(0).get("name").get(0).asText(), untyped3.toString());
    JsonNode typed3 = data(script, "application/vnd.gremlin-v3.0+json");
    assertEquals("g:List", typed3.get("@type").asText());
    assertEquals("g:Map", typed3.get("@value").get(0).get("@type").asText(), typed3.toString());
    JsonNode typed2 = data("g.V('h1').values('age')", "application/vnd.gremlin-v2.0+json");
    assertTrue(typed2.isArray() && typed2.get(0).get("@type").asText().equals("g:Int32"), typed2.toString());
    JsonNode untyped2 = data("g.V('h1').values('age')", "application/vnd.gremlin-v2.0+json;types=false");
    assertTrue(untyped2.get(0).isInt(), untyped2.toString());
    // GraphSON 1 with types wraps collections as [class, value] and names map classes
    JsonNode v1 = data(script, "application/vnd.gremlin-v1.0+json");
    assertEquals("java.util.ArrayList", v1.get(0).asText(), v1.toString());
    assertEquals("java.util.LinkedHashMap", v1.get(1).get(0).get("@class").asText(), v1.toString());
    JsonNode untyped1 = data(script, "application/vnd.gremlin-v1.0+json;types=false");
    assertEquals("marko", untyped1.get(0).get("name").get(0).asText(), untyped1.toString());

    // GraphBinary, read back with TinkerPop's own deserializer
    HttpResponse<byte[]> binary = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.httpUrl("/gremlin")))
            .header("Accept", "application/vnd.graphbinary-v1.0")
            .POST(HttpRequest.BodyPublishers.ofString(HttpTestClient.write(params("gremlin", "g.V('h1').label()"))))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, binary.statusCode());
    ResponseMessage message = new GraphBinaryMessageSerializerV1()
        .deserializeResponse(Unpooled.wrappedBuffer(binary.body()));
    assertEquals(List.of("person"), message.getResult().getData());
  }

  /** One bad request: what is sent and the status, code and message part expected. */
  record Bad(String what, Call call, int status, String code, String message) {}

  interface Call {
    HttpResponse<String> send() throws Exception;
  }

  @Test
  void eachBadRequestGetsAClearErrorAndTheServerKeepsServing() throws Exception {
    List<Bad> bad = List.of(
        new Bad("syntax error", () -> http.postJson("/gremlin", params("gremlin", "g.V().has('name'")),
            400, "MalformedQueryException", "character position"),
        new Bad("unknown step", () -> http.postJson("/gremlin", params("gremlin", "g.V().fly()")),
            400, "MalformedQueryException", "fly"),
        new Bad("other language", () -> http.postJson("/gremlin",
            params("gremlin", "g.V().count()", "language", "sparql")),
            400, "BadRequestException", "gremlin-lang only"),
        new Bad("groovy code labelled gremlin-groovy", () -> http.postJson("/gremlin",
            params("gremlin", "'abc'.reverse()", "language", "gremlin-groovy")),
            400, "MalformedQueryException", "character position"),
        new Bad("invalid JSON", () -> http.postJson("/gremlin", "{\"gremlin\": \"g.V()\""),
            400, "BadRequestException", "not valid JSON"),
        new Bad("non-object JSON", () -> http.postJson("/gremlin", "[\"g.V()\"]"),
            400, "BadRequestException", "must be a JSON object"),
        new Bad("missing gremlin", () -> http.postJson("/gremlin", params("bindings", Map.of())),
            400, "MissingParameterException", "'gremlin' parameter"),
        new Bad("bindings not an object", () -> http.postJson("/gremlin",
            params("gremlin", "g.V(x)", "bindings", List.of(1))),
            400, "BadRequestException", "bindings must be a JSON object"),
        new Bad("unknown Accept", () -> http.postJson("/gremlin", params("gremlin", "g.V()"), "application/xml"),
            406, "BadRequestException", "application/xml"),
        new Bad("wrong method", () -> http.method("PUT", "/gremlin"),
            405, "BadRequestException", "PUT"),
        new Bad("unknown path", () -> http.get("/grem"),
            404, "BadRequestException", "/grem"));
    for (Bad b : bad) {
      HttpResponse<String> r = b.call().send();
      assertEquals(b.status(), r.statusCode(), b.what() + ": " + r.body());
      JsonNode error = json(r);
      assertEquals(b.code(), error.get("code").asText(), b.what() + ": " + r.body());
      assertTrue(error.get("detailedMessage").asText().contains(b.message()), b.what() + ": " + r.body());
      assertTrue(error.has("requestId"), b.what());
      assertEquals(2, untyped("g.inject(1,2).count()").get(0).asInt(), "serving after " + b.what());
    }
  }

  @Test
  void aRequestLargerThanMaxContentLengthIs413(@TempDir Path small) throws Exception {
    try (TestServer tiny = TestServer.start(small, s -> s.maxContentLength = 1024)) {
      HttpTestClient client = new HttpTestClient(tiny);
      String big = "g.inject('" + "x".repeat(4096) + "').count()";
      HttpResponse<String> r = client.postJson("/gremlin", params("gremlin", big));
      assertEquals(413, r.statusCode(), r.body());
      HttpResponse<String> after = client.postJson("/gremlin", params("gremlin", "g.inject(1).count()"));
      assertEquals(200, after.statusCode(), after.body());
    }
  }

  @Test
  void aTimedOutRequestIsStoppedAndRolledBack() throws Exception {
    assertEquals(200, http.postJson("/gremlin", params("gremlin",
        "g.inject(1).repeat(addV('k')).times(12)")).statusCode());
    assertEquals(200, http.postJson("/gremlin", params("gremlin",
        "g.V().hasLabel('k').as('a').V().hasLabel('k').where(neq('a')).addE('e').from('a')")).statusCode());
    HttpResponse<String> r = http.postJson("/gremlin", params(
        "gremlin", "g.addV('marker').property(T.id,'t-marker')"
            + ".V().hasLabel('k').repeat(both().simplePath()).times(11).count()",
        "evaluationTimeout", 500));
    assertEquals(500, r.statusCode(), r.body());
    assertEquals("TimeLimitExceededException", json(r).get("code").asText(), r.body());
    assertTrue(json(r).get("detailedMessage").asText().contains("500 ms"), r.body());
    assertEquals(0, untyped("g.V('t-marker').count()").get(0).asInt(), "rolled back");
  }

  static JsonNode untyped(String script) throws Exception {
    return data(script, "application/vnd.gremlin-v3.0+json;types=false");
  }

  static JsonNode data(String script, String accept) throws Exception {
    HttpResponse<String> r = http.postJson("/gremlin", params("gremlin", script), accept);
    assertEquals(200, r.statusCode(), accept + ": " + r.body());
    return json(r).get("result").get("data");
  }
}
