package io.nereid.gremlin.server.http;

import io.nereid.gremlin.server.LanguagePolicy;
import io.nereid.gremlin.server.NereidGraphManager;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalInterruptedException;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Gremlin of one HTTP request on a Gremlin Server worker thread as one transaction, the
 * way Neptune runs every sessionless request: committed if the work succeeds, rolled back if it
 * fails, times out or is cancelled ({@code /gremlin/status}). The timeout and the cancel interrupt
 * the worker, which stops the traversal at its next step.
 */
public final class HttpQueryRunner {

  /** What to do with the parsed Gremlin (iterate it, explain it, profile it) and how to answer. */
  public interface Work {
    /** Runs in the worker thread; the answer is sent after the transaction has committed. */
    Answer run(Object parsed, GremlinRequest request) throws Exception;
  }

  /** A finished request's answer. */
  public interface Answer {
    void send(HttpExchange exchange);
  }

  /**
   * Turns the request's script into what {@link Work} gets, in the worker thread. The default
   * evaluates the script with gremlin-lang ({@link #eval}), which already runs a terminal step
   * such as {@code next()}; explain parses without running anything.
   */
  public interface Parser {
    Object parse(GremlinRequest request) throws Exception;
  }

  private static final Logger log = LoggerFactory.getLogger(HttpQueryRunner.class);

  private final HttpContext context;

  public HttpQueryRunner(HttpContext context) {
    this.context = context;
  }

  public void submit(HttpExchange ex, GremlinRequest request, Work work) {
    submit(ex, request, r -> eval(r.script(), r.bindings()), work);
  }

  public void submit(HttpExchange ex, GremlinRequest request, Parser parser, Work work) {
    long queuedAt = System.nanoTime();
    AtomicBoolean answered = new AtomicBoolean();
    AtomicBoolean started = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    AtomicReference<ScheduledFuture<?>> timer = new AtomicReference<>();
    Future<?> future;
    try {
      future =
          context.workers().submit(() -> {
            started.set(true);
            try {
              if (!timedOut.get()) {
                run(ex, request, parser, work, answered, timedOut, queuedAt);
              }
            } finally {
              // A late interrupt is harmless: the pool clears it before the worker's next task.
              ScheduledFuture<?> t = timer.get();
              if (t != null) {
                t.cancel(false);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      ex.respondError(
          HttpResponseStatus.TOO_MANY_REQUESTS, id(request), "ThrottlingException",
          "the server's work queue is full; retry later");
      return;
    }
    if (request.timeoutMillis() > 0) {
      timer.set(
          context.scheduler().schedule(() -> {
            timedOut.set(true);
            future.cancel(true);
            if (!started.get() && answered.compareAndSet(false, true)) {
              timeLimit(ex, request);
            }
          }, request.timeoutMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void run(
      HttpExchange ex, GremlinRequest request, Parser parser, Work work, AtomicBoolean answered,
      AtomicBoolean timedOut, long queuedAt) {
    NereidGraphManager graphs = context.graphManager();
    RequestMessage msg =
        RequestMessage.build(Tokens.OPS_EVAL)
            .overrideRequestId(request.requestId())
            .addArg(Tokens.ARGS_GREMLIN, request.script())
            .create();
    graphs.beforeQueryStart(msg);
    graphs.runningQueries().waited(
        request.requestId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedAt));
    try {
      Answer answer = work.run(parser.parse(request), request);
      if (!graphs.runningQueries().commit(request.requestId())) {
        throw new InterruptedException("cancelled through /gremlin/status before its commit");
      }
      graphs.commitAll();
      graphs.onQuerySuccess(msg);
      if (answered.compareAndSet(false, true)) {
        answer.send(ex);
      }
    } catch (Throwable t) {
      boolean cancelled = graphs.runningQueries().wasCancelled(request.requestId());
      rollback(graphs);
      graphs.onQueryError(msg, t);
      if (answered.compareAndSet(false, true)) {
        fail(ex, request, t, cancelled, timedOut.get());
      }
    }
  }

  /** Evaluates a script with gremlin-lang, the server's traversal sources and the bindings. */
  public Object eval(String script, Map<String, Object> requestBindings)
      throws ScriptException {
    ScriptEngine engine =
        context.gremlinExecutor().getScriptEngineManager().getEngineByName(LanguagePolicy.GREMLIN_LANG);
    Bindings bindings = new SimpleBindings();
    bindings.putAll(context.graphManager().getAsBindings());
    bindings.putAll(requestBindings);
    return engine.eval(script, bindings);
  }

  private static void rollback(NereidGraphManager graphs) {
    try {
      graphs.rollbackAll();
    } catch (RuntimeException e) {
      log.warn("rollback after a failed HTTP request failed", e);
    }
  }

  private static void fail(
      HttpExchange ex, GremlinRequest request, Throwable t, boolean cancelled, boolean timedOut) {
    if (cancelled || timedOut || interrupted(t)) {
      if (cancelled) {
        ex.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, id(request),
            "CancelledByUserException", "the query was cancelled through /gremlin/status");
      } else {
        timeLimit(ex, request);
      }
      return;
    }
    HttpErrors.respond(ex, id(request), t);
  }

  private static void timeLimit(HttpExchange ex, GremlinRequest request) {
    ex.respondError(HttpResponseStatus.INTERNAL_SERVER_ERROR, id(request),
        "TimeLimitExceededException",
        "the query did not finish within its evaluationTimeout of " + request.timeoutMillis()
            + " ms; it was stopped and its transaction rolled back");
  }

  private static boolean interrupted(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InterruptedException || c instanceof TraversalInterruptedException) {
        return true;
      }
    }
    return false;
  }

  private static String id(GremlinRequest request) {
    return request.requestId().toString();
  }
}
