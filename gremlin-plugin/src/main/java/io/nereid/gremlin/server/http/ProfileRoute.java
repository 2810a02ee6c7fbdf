package io.nereid.gremlin.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversal;
import org.apache.tinkerpop.gremlin.process.traversal.util.Metrics;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalMetrics;
import org.apache.tinkerpop.gremlin.util.MessageSerializer;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;

/**
 * {@code GET|POST /gremlin/profile}: Neptune's profile. Runs the traversal as one transaction
 * (committed like a {@code /gremlin} request) with TinkerPop's profiling, and answers a plain-text
 * report: the plan sections of explain, the traversal metrics (per step: count, traversers, time),
 * the key ranges each Nereid step scanned, the run time and the results.
 *
 * <p>Neptune's options: {@code profile.results} (default TRUE: show the first results), {@code
 * profile.chop} (default 250: cut the results' text there; 0 does not cut) and {@code
 * profile.serializer} (a MIME type or a TinkerPop serializer name such as GRAPHSON_V3: serialize
 * the results with it and report time and size). {@code profile.indexOps} is accepted and ignored:
 * the "Nereid Access Paths" section always shows what was scanned.
 */
public final class ProfileRoute implements HttpRoute {

  static final String PATH = "/gremlin/profile";
  private static final String METRICS_KEY = "~nereid.profile";

  private final HttpContext context;
  private final HttpQueryRunner runner;

  public ProfileRoute(HttpContext context, HttpQueryRunner runner) {
    this.context = context;
    this.runner = runner;
  }

  /** The {@code profile.*} parameters. */
  record Options(boolean results, int chop, String serializerMime) {}

  @Override
  public boolean matches(String path) {
    return path.equals(PATH);
  }

  @Override
  public void handle(HttpExchange ex) throws BadRequest {
    ExplainRoute.requireGetOrPost(ex);
    GremlinRequest request = GremlinRequest.of(ex, context.settings().getEvaluationTimeout());
    TraversalScript script;
    Options options;
    try {
      script = ExplainRoute.traversalOf(request, PATH);
      options = options(ex);
    } catch (BadRequest e) {
      ex.respondError(e, request.requestId().toString());
      return;
    }
    runner.submit(ex, request, r -> runner.eval(script.traversalText(), r.bindings()), (parsed, r) -> {
      Traversal.Admin<?, ?> traversal = ((Traversal<?, ?>) parsed).asAdmin();
      QueryReport report = new QueryReport("Nereid Gremlin Profile").plan(r.script(), script, traversal);
      profile(traversal, options, report);
      String text = report.text();
      return exchange -> exchange.respondText(HttpResponseStatus.OK, text);
    });
  }

  /** Iterates the traversal with profiling and adds the metrics, runtime and results sections. */
  private void profile(Traversal.Admin<?, ?> traversal, Options options, QueryReport report)
      throws Exception {
    ((GraphTraversal<?, ?>) traversal).profile(METRICS_KEY);
    long count = 0;
    StringBuilder output = new StringBuilder("[");
    boolean outputFull = !options.results();
    List<Object> kept = options.serializerMime() == null ? null : new ArrayList<>();
    long start = System.nanoTime();
    while (traversal.hasNext()) {
      Object result = traversal.next();
      count++;
      if (kept != null) {
        kept.add(result);
      }
      if (!outputFull) {
        output.append(count > 1 ? ", " : "").append(result);
        outputFull = options.chop() > 0 && output.length() > options.chop();
      }
    }
    long executionNanos = System.nanoTime() - start;
    TraversalMetrics metrics = traversal.getSideEffects().get(METRICS_KEY);

    StringBuilder runtime = new StringBuilder()
        .append(String.format(Locale.ROOT, "Query Execution: %.3f%n", executionNanos / 1e6));
    StringBuilder results = new StringBuilder().append("Count: ").append(count).append('\n');
    if (options.results()) {
      // the text was built only up to the chop length; chop() cuts it there and marks the cut
      String shown = output.append(']').toString();
      results.append("Output: ").append(QueryReport.chop(shown, options.chop())).append('\n');
    }
    if (kept != null) {
      serialize(kept, options.serializerMime(), runtime, results);
    }
    report.section("Runtime (ms)", runtime.toString());
    report.section("Traversal Metrics", metrics.toString());
    report.section("Nereid Access Paths", accessPaths(metrics));
    report.section("Results", results.toString());
  }

  private void serialize(List<Object> results, String mime, StringBuilder runtime, StringBuilder out)
      throws Exception {
    MessageSerializer<?> serializer = context.serializers().get(mime);
    long start = System.nanoTime();
    ResponseMessage message = ResponseMessage.build(UUID.randomUUID())
        .code(ResponseStatusCode.SUCCESS).result(results).create();
    ByteBuf bytes = serializer.serializeResponseAsBinary(message, ByteBufAllocator.DEFAULT);
    try {
      runtime.append(String.format(Locale.ROOT, "Serialization: %.3f%n",
          (System.nanoTime() - start) / 1e6));
      out.append("Response serializer: ").append(mime).append('\n');
      out.append("Response size (bytes): ").append(bytes.readableBytes()).append('\n');
    } finally {
      bytes.release();
    }
  }

  /** What each Nereid step read, from the annotation it sets on its metrics while it runs. */
  static String accessPaths(TraversalMetrics metrics) {
    StringBuilder out = new StringBuilder();
    for (Metrics m : metrics.getMetrics()) {
      accessPaths(m, "", out);
    }
    return out.length() == 0 ? "no Nereid step ran (nothing was read through an index scan)\n" : out.toString();
  }

  private static void accessPaths(Metrics m, String indent, StringBuilder out) {
    Object annotation = m.getAnnotation("nereid");
    if (annotation != null) {
      String step = m.getName().contains("(") ? m.getName().substring(0, m.getName().indexOf('(')) : m.getName();
      out.append(indent).append(step).append(": ").append(annotation)
          .append(" (").append(m.getCount(TraversalMetrics.ELEMENT_COUNT_ID)).append(" results, ")
          .append(String.format(Locale.ROOT, "%.3f ms", m.getDuration(TimeUnit.MICROSECONDS) / 1e3))
          .append(")\n");
    }
    for (Metrics nested : m.getNested()) {
      accessPaths(nested, indent + "  ", out);
    }
  }

  private Options options(HttpExchange ex) throws BadRequest {
    String results = ex.param("profile.results").orElse("true").trim();
    if (!results.equalsIgnoreCase("true") && !results.equalsIgnoreCase("false")) {
      throw new BadRequest("InvalidParameterException",
          "profile.results '" + results + "' must be TRUE or FALSE");
    }
    String chopText = ex.param("profile.chop").orElse("250").trim();
    int chop;
    try {
      chop = Integer.parseInt(chopText);
      if (chop < 0) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new BadRequest("InvalidParameterException",
          "profile.chop '" + chopText + "' must be a number of characters (0: do not cut)");
    }
    String mime = ex.param("profile.serializer").map(String::trim).orElse(null);
    if (mime != null && !context.serializers().containsKey(mime)) {
      try {
        mime = Serializers.valueOf(mime.toUpperCase(Locale.ROOT)).getValue();
      } catch (IllegalArgumentException e) {
        mime = null;
      }
      if (mime == null || !context.serializers().containsKey(mime)) {
        throw new BadRequest("InvalidParameterException",
            "profile.serializer '" + ex.param("profile.serializer").get() + "' is neither a MIME type"
                + " nor a serializer name the server has; it has " + context.serializers().keySet());
      }
    }
    return new Options(Boolean.parseBoolean(results), chop, mime);
  }
}
