package io.nereid.gremlin.server.http;

import io.nereid.gremlin.server.NereidGraphManager;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.tinkerpop.gremlin.groovy.engine.GremlinExecutor;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.util.MessageSerializer;

/** What HTTP routes share: the server's settings, executors, graphs and serializers. */
public record HttpContext(
    Settings settings,
    GremlinExecutor gremlinExecutor,
    NereidGraphManager graphManager,
    Map<String, MessageSerializer<?>> serializers,
    ExecutorService workers,
    ScheduledExecutorService scheduler,
    long startMillis) {}
