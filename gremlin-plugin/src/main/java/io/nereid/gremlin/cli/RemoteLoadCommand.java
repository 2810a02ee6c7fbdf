package io.nereid.gremlin.cli;

import io.nereid.graph.load.BulkLoader;
import io.nereid.graph.load.FileHeader;
import io.nereid.graph.load.LoadCommand;
import io.nereid.graph.load.LoadCounters;
import io.nereid.graph.load.LoadError;
import io.nereid.graph.load.LoadErrorCode;
import io.nereid.graph.load.LoadJob;
import io.nereid.graph.load.LoadStatus;
import io.nereid.graph.load.ProgressLine;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.apache.tinkerpop.shaded.jackson.databind.ObjectMapper;
import org.apache.tinkerpop.shaded.jackson.databind.node.ObjectNode;

/**
 * {@code bin/nereid load --server http://host:port [options] <files or folders>...}: the load
 * command against a running server. Posts the load to {@code /loader} (the paths made absolute:
 * the server reads them, so it must see the same files), polls its status, prints the offline
 * command's progress line and summary, and exits 0 when the load is LOAD_COMPLETED, 1 otherwise,
 * 2 for a usage error. Options are the offline command's Neptune names (failOnError, mode,
 * parallelism, updateSingleCardinalityProperties, allowEmptyStrings) plus queueRequest (TRUE by
 * default here: the command waits its turn) and {@code --json}. Interrupting the command (Ctrl-C)
 * cancels the load, as it stops an offline one.
 */
public final class RemoteLoadCommand {

  private static final Set<String> OPTIONS = Set.of("failOnError", "mode", "parallelism",
      "updateSingleCardinalityProperties", "allowEmptyStrings", "queueRequest");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RemoteLoadCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.console() != null));
  }

  public static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    String server = null;
    boolean json = false;
    ObjectNode request = JSON.createObjectNode();
    request.put("format", "csv");
    request.put("queueRequest", "TRUE");
    List<String> sources = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--json")) {
          json = true;
          continue;
        }
        if (!a.startsWith("--") && !(a.contains("=") && OPTIONS.contains(a.split("=")[0]))) {
          sources.add(Path.of(a).toAbsolutePath().normalize().toString());
          continue;
        }
        String s = a.startsWith("--") ? a.substring(2) : a;
        String name = s.contains("=") ? s.substring(0, s.indexOf('=')) : s;
        String value;
        if (s.contains("=")) {
          value = s.substring(s.indexOf('=') + 1);
        } else if (++i < args.length) {
          value = args[i];
        } else {
          throw new IllegalArgumentException(a + " needs a value");
        }
        if (name.equals("server")) {
          server = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        } else if (name.equals("allowEmptyStrings")) {
          request.putObject("parserConfiguration").put("allowEmptyStrings", value);
        } else if (OPTIONS.contains(name)) {
          request.put(name, value);
        } else {
          throw new IllegalArgumentException("unknown option --" + name + " for a server load"
              + " (batchStatements and partitions are the server's own)");
        }
      }
      if (server == null || sources.isEmpty()) {
        throw new IllegalArgumentException("--server URL and at least one file or folder");
      }
    } catch (IllegalArgumentException e) {
      err.println("load: " + e.getMessage());
      err.println("usage: load --server http://host:port [--failOnError TRUE|FALSE]"
          + " [--mode NEW|RESUME|AUTO] [--parallelism LOW|MEDIUM|HIGH|OVERSUBSCRIBE]"
          + " [--updateSingleCardinalityProperties TRUE|FALSE] [--allowEmptyStrings TRUE|FALSE]"
          + " [--queueRequest TRUE|FALSE] [--json] <file or folder>...");
      return 2;
    }
    if (sources.size() == 1) {
      request.put("source", sources.get(0));
    } else {
      sources.forEach(request.putArray("source")::add);
    }
    try {
      return new RemoteLoadCommand.Session(server, out, err, terminal).load(request, json);
    } catch (ConnectException e) {
      err.println("load: cannot reach the server at " + server + " (" + e + ")");
      return 1;
    } catch (IOException e) {
      err.println("load: " + e);
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** One load on one server. */
  private static final class Session {
    private final String server;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    Session(String server, PrintStream out, PrintStream err, boolean terminal) {
      this.server = server;
      this.out = out;
      this.err = err;
      this.terminal = terminal;
    }

    int load(ObjectNode request, boolean json) throws IOException, InterruptedException {
      JsonNode started = send(HttpRequest.newBuilder(URI.create(server + "/loader"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(request.toString())), "POST /loader");
      if (started == null) {
        return 1;
      }
      String id = started.at("/payload/loadId").asText();
      Thread cancelOnInterrupt = new Thread(() -> cancel(id), "nereid-load-cancel");
      Runtime.getRuntime().addShutdownHook(cancelOnInterrupt);
      ProgressLine progress = new ProgressLine(err, terminal);
      long t0 = System.nanoTime();
      boolean announced = false;
      JsonNode status;
      while (true) {
        status = send(HttpRequest.newBuilder(URI.create(server + "/loader/" + id
            + "?details=TRUE&errors=TRUE&errorsPerPage=10")).GET(), "GET /loader/" + id);
        if (status == null) {
          return 1;
        }
        JsonNode overall = status.at("/payload/overallStatus");
        LoadStatus s = LoadStatus.valueOf(overall.get("status").asText());
        if (!announced && s != LoadStatus.LOAD_IN_QUEUE) {
          err.println("load " + id + (overall.get("runNumber").asInt() > 1 ? " (run "
              + overall.get("runNumber").asInt() + ", resumed)" : "") + ": into " + server);
          announced = true;
        }
        if (s.isFinal()) {
          break;
        }
        progress.update(new BulkLoader.Progress(overall.get("totalRecords").asLong(), 0, 0,
            System.nanoTime() - t0));
        Thread.sleep(terminal ? 250 : 1000);
      }
      Runtime.getRuntime().removeShutdownHook(cancelOnInterrupt);
      progress.finish();
      LoadJob.View v = view(id, status.get("payload"));
      if (json) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status));
      } else {
        LoadCommand.summary(out, v, server + "/loader/" + id + "?errors=TRUE");
      }
      return v.status() == LoadStatus.LOAD_COMPLETED ? 0 : 1;
    }

    private void cancel(String id) {
      try {
        http.send(HttpRequest.newBuilder(URI.create(server + "/loader/" + id)).DELETE()
            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        err.println("\nload " + id + ": cancelled");
      } catch (IOException | InterruptedException e) {
        err.println("\nload " + id + ": could not cancel it (" + e + ")");
      }
    }

    /** The answer's JSON, or null after printing the server's refusal. */
    private JsonNode send(HttpRequest.Builder request, String what)
        throws IOException, InterruptedException {
      HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(r.body());
      } catch (IOException e) {
        body = null;
      }
      if (r.statusCode() == 200 && body != null) {
        return body;
      }
      if (body != null && body.has("code")) {
        err.println("load: " + what + ": " + r.statusCode() + " " + body.get("code").asText()
            + ": " + body.path("detailedMessage").asText());
      } else {
        err.println("load: " + what + ": HTTP " + r.statusCode() + " " + r.body());
      }
      return null;
    }
  }

  /** The status JSON as the offline command's job view (files: the failed ones only). */
  static LoadJob.View view(String id, JsonNode payload) {
    JsonNode o = payload.get("overallStatus");
    List<LoadJob.FeedView> feeds = new ArrayList<>();
    for (JsonNode f : payload.path("failedFeeds")) {
      feeds.add(new LoadJob.FeedView(f.get("fullUri").asText(), (FileHeader.Kind) null,
          LoadStatus.valueOf(f.get("status").asText()), counters(f), 0, false));
    }
    List<LoadError> errors = new ArrayList<>();
    for (JsonNode e : payload.path("errors").path("errorLogs")) {
      errors.add(new LoadError(e.get("fileName").asText(), e.get("recordNum").asLong(),
          LoadErrorCode.valueOf(e.get("errorCode").asText()), e.get("errorMessage").asText()));
    }
    LoadCounters overall = counters(o);
    return new LoadJob.View(id, List.of(o.get("fullUri").asText().split(",")),
        o.get("runNumber").asInt(), o.get("startTime").asLong(),
        o.get("totalTimeSpent").asLong() * 1000, LoadStatus.valueOf(o.get("status").asText()),
        o.hasNonNull("reason") ? o.get("reason").asText() : null, overall, feeds, errors,
        overall.errors());
  }

  private static LoadCounters counters(JsonNode n) {
    LoadCounters c = new LoadCounters();
    c.totalRecords = n.get("totalRecords").asLong();
    c.totalDuplicates = n.get("totalDuplicates").asLong();
    c.parsingErrors = n.get("parsingErrors").asLong();
    c.datatypeMismatchErrors = n.get("datatypeMismatchErrors").asLong();
    c.insertErrors = n.get("insertErrors").asLong();
    return c;
  }
}
