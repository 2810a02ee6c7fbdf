package io.nereid.gremlin.server.http;

/** One HTTP endpoint of the server: the paths it answers and how. */
public interface HttpRoute {

  /** Whether this route answers the (trailing-slash-free) path. */
  boolean matches(String path);

  /**
   * Answers the exchange, now or later from another thread; a {@link BadRequest} thrown here is
   * answered with its status and Neptune error code.
   */
  void handle(HttpExchange exchange) throws BadRequest;
}
