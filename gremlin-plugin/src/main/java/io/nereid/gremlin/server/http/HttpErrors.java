package io.nereid.gremlin.server.http;

import io.nereid.graph.DuplicateIdException;
import io.nereid.kv.WriteConflictException;
import io.netty.handler.codec.http.HttpResponseStatus;
import javax.script.ScriptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers a failed Gremlin request with Neptune's error code for what went wrong. */
final class HttpErrors {

  private static final Logger log = LoggerFactory.getLogger(HttpErrors.class);

  private HttpErrors() {}

  static void respond(HttpExchange ex, String requestId, Throwable t) {
    if (find(t, WriteConflictException.class) != null) {
      ex.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, requestId,
          "ConcurrentModificationException",
          "the transaction lost a write conflict with a concurrent one and was rolled back;"
              + " retry it (" + message(t) + ")");
    } else if (t instanceof ScriptException) {
      // gremlin-lang's parse errors name the line and character position.
      ex.respondError(HttpResponseStatus.BAD_REQUEST, requestId, "MalformedQueryException",
          message(t));
    } else if (find(t, DuplicateIdException.class) != null) {
      ex.respondError(HttpResponseStatus.BAD_REQUEST, requestId, "ConstraintViolationException",
          message(find(t, DuplicateIdException.class)));
    } else if (t instanceof IllegalArgumentException || t instanceof UnsupportedOperationException) {
      ex.respondError(HttpResponseStatus.BAD_REQUEST, requestId, "BadRequestException", message(t));
    } else {
      log.warn("Gremlin request {} failed", requestId, t);
      ex.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, requestId,
          "InternalFailureException", message(t));
    }
  }

  /** The most telling message: the deepest cause that has one. */
  static String message(Throwable t) {
    String m = String.valueOf(t);
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        m = c.getMessage();
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return m;
  }

  static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
