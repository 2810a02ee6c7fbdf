package io.nereid.gremlin.server;

import io.nereid.gremlin.server.http.ExplainRoute;
import io.nereid.gremlin.server.http.GremlinRoute;
import io.nereid.gremlin.server.http.HttpContext;
import io.nereid.gremlin.server.http.HttpQueryRunner;
import io.nereid.gremlin.server.http.HttpRoute;
import io.nereid.gremlin.server.http.LoaderRoute;
import io.nereid.gremlin.server.http.NereidHttpHandler;
import io.nereid.gremlin.server.http.ProfileRoute;
import io.nereid.gremlin.server.http.QueryStatusRoute;
import io.nereid.gremlin.server.http.StatusRoute;
import io.nereid.gremlin.server.loader.LoaderService;
import io.nereid.gremlin.structure.NereidGraph;
import io.netty.channel.ChannelPipeline;
import java.util.ArrayList;
import java.util.List;
import org.apache.tinkerpop.gremlin.server.AbstractChannelizer;
import org.apache.tinkerpop.gremlin.server.handler.WsAndHttpChannelizerHandler;
import org.apache.tinkerpop.gremlin.server.util.ServerGremlinExecutor;

/**
 * WebSocket and HTTP on one port, as Neptune serves them. WebSocket requests go through Gremlin
 * Server's op processors after {@link GremlinLangOnlyHandler} has applied the language policy;
 * HTTP requests go to {@link NereidHttpHandler} and its Neptune endpoints.
 */
public class NereidChannelizer extends AbstractChannelizer {

  private WsAndHttpChannelizerHandler wsOrHttp;
  private final GremlinLangOnlyHandler languagePolicy = new GremlinLangOnlyHandler();
  private WsRequestDecoder requestDecoder;

  @Override
  public void init(ServerGremlinExecutor executor) {
    super.init(executor);
    if (!(graphManager instanceof NereidGraphManager)) {
      throw new IllegalStateException(
          "graphManager must be " + NereidGraphManager.class.getName() + " (it binds g and"
              + " tracks running queries), not " + graphManager.getClass().getName());
    }
    HttpContext http =
        new HttpContext(
            settings, gremlinExecutor, (NereidGraphManager) graphManager, serializers,
            gremlinExecutorService, scheduledExecutorService, System.currentTimeMillis());
    requestDecoder = new WsRequestDecoder(serializers);
    wsOrHttp = new WsAndHttpChannelizerHandler();
    wsOrHttp.init(executor, new NereidHttpHandler(http, routes(http)));
  }

  /** The HTTP endpoints, most specific path first. */
  protected List<HttpRoute> routes(HttpContext http) {
    HttpQueryRunner runner = new HttpQueryRunner(http);
    List<HttpRoute> routes = new ArrayList<>();
    routes.add(new StatusRoute(http));
    routes.add(new ExplainRoute(http, runner));
    routes.add(new ProfileRoute(http, runner));
    routes.add(new QueryStatusRoute(http));
    routes.add(new GremlinRoute(http, runner));
    if (graphManager.getGraph("graph") instanceof NereidGraph graph) {
      LoaderService loader = new LoaderService(graph.store());
      graph.beforeClose(loader::close); // the load stops before the store closes
      routes.add(new LoaderRoute(loader));
    }
    return routes;
  }

  @Override
  public void configure(ChannelPipeline pipeline) {
    wsOrHttp.configure(pipeline);
    pipeline.addAfter(PIPELINE_HTTP_REQUEST_DECODER, "ws-or-http", wsOrHttp);
  }

  @Override
  public void finalize(ChannelPipeline pipeline) {
    pipeline.addBefore(PIPELINE_OP_SELECTOR, "gremlin-lang-only", languagePolicy);
    // Gremlin Server's WebSocket request decoders (names from WebSocketChannelizer) give way to
    // one that says what is wrong with an undecodable frame
    pipeline.replace("request-text-decoder", "request-decoder", requestDecoder);
    pipeline.remove("request-binary-decoder");
  }

  @Override
  public boolean supportsIdleMonitor() {
    return true;
  }

  @Override
  public Object createIdleDetectionMessage() {
    return wsOrHttp.getWsChannelizer().createIdleDetectionMessage();
  }
}
