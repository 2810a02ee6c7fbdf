package io.nereid.gremlin.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request an endpoint refuses, with Neptune's error code and the HTTP status to answer. */
public final class BadRequest extends Exception {

  private final HttpResponseStatus status;
  private final String code;

  public BadRequest(String code, String message) {
    this(HttpResponseStatus.BAD_REQUEST, code, message);
  }

  public BadRequest(HttpResponseStatus status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public HttpResponseStatus status() {
    return status;
  }

  public String code() {
    return code;
  }
}
