package io.nereid.gremlin.server.http;

import io.nereid.graph.load.LoadOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.tinkerpop.shaded.jackson.core.JsonProcessingException;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;

/**
 * The parameters of {@code POST /loader}, read and checked as Neptune names them. Each refusal
 * says which parameter is wrong and what it accepts.
 *
 * <ul>
 *   <li>{@code source}: a file or folder on the server's machine, as an absolute path or a {@code
 *       file://} URI (S3 and other URLs are refused); Nereid also takes a JSON array of them.
 *   <li>{@code format}: {@code csv} (Neptune's Gremlin CSV); the RDF and openCypher formats are
 *       refused.
 *   <li>{@code failOnError}, {@code mode}, {@code parallelism}, {@code
 *       updateSingleCardinalityProperties}, {@code parserConfiguration.allowEmptyStrings}, {@code
 *       queueRequest}: as in Neptune.
 *   <li>Accepted and ignored (they mean nothing for local files): {@code iamRoleArn}, {@code
 *       region}, {@code parserConfiguration.baseUri} and {@code namedGraphUri} (RDF), {@code
 *       userProvidedEdgeIds} (openCypher), {@code edgeOnlyLoad} (a hint).
 *   <li>Refused: {@code dependencies} with any load id (not supported), any other name.
 * </ul>
 */
record LoadRequest(List<Path> sources, LoadOptions options, boolean queueRequest) {

  private static final Set<String> KNOWN = Set.of("source", "format", "failOnError", "mode",
      "parallelism", "updateSingleCardinalityProperties", "parserConfiguration", "queueRequest",
      "iamRoleArn", "region", "dependencies", "userProvidedEdgeIds", "edgeOnlyLoad");
  private static final Set<String> PARSER = Set.of("allowEmptyStrings", "baseUri",
      "namedGraphUri");

  static LoadRequest read(Set<String> names, Function<String, Optional<JsonNode>> param)
      throws BadRequest {
    for (String n : names) {
      if (!KNOWN.contains(n)) {
        throw invalid("unknown parameter '" + n + "' (parameters: source, format, failOnError,"
            + " mode, parallelism, updateSingleCardinalityProperties, parserConfiguration,"
            + " queueRequest; iamRoleArn and region are accepted and ignored)");
      }
    }
    JsonNode source = param.apply("source").orElseThrow(() -> new BadRequest(
        "MissingParameterException", "source is required: a file or folder on the server's"
            + " machine, as an absolute path or a file:// URI"));
    List<Path> sources = new ArrayList<>();
    if (source.isArray()) {
      for (JsonNode s : source) {
        sources.add(path(s.asText()));
      }
    } else {
      sources.add(path(source.asText()));
    }
    if (sources.isEmpty()) {
      throw invalid("source is an empty list");
    }
    String format = param.apply("format").map(JsonNode::asText).orElseThrow(() -> new BadRequest(
        "MissingParameterException", "format is required: csv (Neptune's Gremlin CSV)"));
    switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> {}
      case "opencypher", "ntriples", "nquads", "rdfxml", "turtle" ->
          throw invalid("format " + format + " is not supported: Nereid loads csv (Neptune's"
              + " Gremlin CSV) only");
      default -> throw invalid("format must be csv, not '" + format + "'");
    }
    LoadOptions o = LoadOptions.defaults();
    o = o.withFailOnError(bool(param, "failOnError", o.failOnError()));
    o = o.withUpdateSingleCardinalityProperties(bool(param, "updateSingleCardinalityProperties",
        o.updateSingleCardinalityProperties()));
    o = o.withMode(choice(param, "mode", LoadOptions.Mode.class, o.mode()));
    o = o.withParallelism(choice(param, "parallelism", LoadOptions.Parallelism.class,
        o.parallelism()));
    Optional<JsonNode> parser = param.apply("parserConfiguration");
    if (parser.isPresent()) {
      JsonNode p = parser.get().isTextual() ? parseObject(parser.get().asText()) : parser.get();
      if (!p.isObject()) {
        throw invalid("parserConfiguration must be a JSON object, like"
            + " {\"allowEmptyStrings\": \"TRUE\"}");
      }
      for (var it = p.fieldNames(); it.hasNext(); ) {
        String n = it.next();
        if (!PARSER.contains(n)) {
          throw invalid("unknown parserConfiguration parameter '" + n + "' (allowEmptyStrings;"
              + " baseUri and namedGraphUri are RDF's and ignored)");
        }
      }
      o = o.withAllowEmptyStrings(bool(n -> Optional.ofNullable(p.get(n)),
          "allowEmptyStrings", o.allowEmptyStrings()));
    }
    Optional<JsonNode> deps = param.apply("dependencies");
    if (deps.isPresent() && !(deps.get().isArray() && deps.get().isEmpty())) {
      throw invalid("dependencies are not supported: start the load after those it depends on"
          + " have completed");
    }
    return new LoadRequest(sources, o, bool(param, "queueRequest", false));
  }

  private static Path path(String s) throws BadRequest {
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://") || lower.startsWith("http://") || lower.startsWith("https://")) {
      throw invalid("source " + s + ": S3 and web sources are not supported; Nereid loads files"
          + " and folders on the server's machine (an absolute path or a file:// URI)");
    }
    if (lower.startsWith("file:")) {
      try {
        return Path.of(URI.create(s));
      } catch (IllegalArgumentException e) {
        throw invalid("source " + s + " is not a valid file URI: " + e.getMessage()
            + " (like file:///data/air-routes)");
      }
    }
    if (s.isBlank()) {
      throw invalid("source is empty");
    }
    Path p = Path.of(s);
    if (!p.isAbsolute()) {
      throw invalid("source " + s + " is a relative path: give an absolute path or a file:// URI"
          + " (the server resolves nothing against its working directory)");
    }
    return p;
  }

  private static boolean bool(Function<String, Optional<JsonNode>> param, String name,
      boolean dflt) throws BadRequest {
    Optional<JsonNode> v = param.apply(name);
    if (v.isEmpty()) {
      return dflt;
    }
    return switch (v.get().asText().toUpperCase(Locale.ROOT)) {
      case "TRUE" -> true;
      case "FALSE" -> false;
      default -> throw invalid(name + " must be TRUE or FALSE, not '" + v.get().asText() + "'");
    };
  }

  private static <E extends Enum<E>> E choice(Function<String, Optional<JsonNode>> param,
      String name, Class<E> type, E dflt) throws BadRequest {
    Optional<JsonNode> v = param.apply(name);
    if (v.isEmpty()) {
      return dflt;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(v.get().asText())) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw invalid(name + " must be one of " + String.join(", ", names) + ", not '"
        + v.get().asText() + "'");
  }

  private static JsonNode parseObject(String text) throws BadRequest {
    try {
      return HttpExchange.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid("parserConfiguration is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static BadRequest invalid(String message) {
    return new BadRequest("InvalidParameterException", message);
  }
}
