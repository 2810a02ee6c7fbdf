package io.nereid.gremlin.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.apache.tinkerpop.shaded.jackson.databind.ObjectMapper;

/** A plain java.net.http client of a test server's /loader API. */
final class LoaderHttp {

  /** An HTTP answer: status code and JSON body. */
  record Answer(int status, JsonNode body) {
    String text(String pointer) {
      return body.at(pointer).asText();
    }

    long number(String pointer) {
      return body.at(pointer).asLong();
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();

  private final TestServer server;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  LoaderHttp(TestServer server) {
    this.server = server;
  }

  Answer post(String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(server.httpUrl("/loader")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(server.httpUrl(pathAndQuery))).GET());
  }

  Answer delete(String pathAndQuery) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(server.httpUrl(pathAndQuery))).DELETE());
  }

  private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

  /** Starts a load; fails unless the server answers 200 with a load id. */
  String start(String body) throws IOException, InterruptedException {
    Answer a = post(body);
    if (a.status() != 200) {
      throw new AssertionError("POST /loader " + body + " -> " + a.status() + " " + a.body());
    }
    return a.text("/payload/loadId");
  }

  /** Polls GET /loader/{id} until its overallStatus satisfies {@code until} (2 minutes at most). */
  Answer await(String loadId, Predicate<Answer> until) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      Answer a = get("/loader/" + loadId + "?details=TRUE&errors=TRUE");
      if (until.test(a)) {
        return a;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("load " + loadId + " did not get there: " + a.body());
      }
      Thread.sleep(50);
    }
  }

  /** Waits for the load's final status. */
  Answer awaitEnd(String loadId) throws Exception {
    return await(loadId, a -> {
      String s = a.text("/payload/overallStatus/status");
      return !s.equals("LOAD_IN_QUEUE") && !s.equals("LOAD_IN_PROGRESS")
          && !s.equals("LOAD_NOT_STARTED");
    });
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
