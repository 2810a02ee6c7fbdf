package io.nereid.gremlin.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.util.List;
import java.util.Optional;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.message.RequestMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseMessage;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;

/**
 * Applies {@link LanguagePolicy} to WebSocket requests before Gremlin Server picks an op
 * processor: a script without a language gets {@code gremlin-lang}, other languages and lambdas in
 * bytecode are answered with an error (status 499, invalid request arguments) and go no further.
 */
@ChannelHandler.Sharable
final class GremlinLangOnlyHandler extends MessageToMessageDecoder<RequestMessage> {

  @Override
  protected void decode(ChannelHandlerContext ctx, RequestMessage msg, List<Object> out) {
    Object gremlin = msg.getArgs().get(Tokens.ARGS_GREMLIN);
    if (gremlin instanceof Bytecode) {
      Optional<String> refusal = LanguagePolicy.refuseBytecode((Bytecode) gremlin);
      if (refusal.isPresent()) {
        refuse(ctx, msg, refusal.get());
        return;
      }
    } else if (gremlin instanceof String) {
      String requested = (String) msg.getArgs().get(Tokens.ARGS_LANGUAGE);
      Optional<String> language = LanguagePolicy.scriptLanguage(requested);
      if (language.isEmpty()) {
        refuse(ctx, msg, LanguagePolicy.refusedLanguage(requested));
        return;
      }
      if (requested == null || !requested.equals(language.get())) {
        msg = RequestMessage.from(msg).addArg(Tokens.ARGS_LANGUAGE, language.get()).create();
      }
    }
    out.add(msg);
  }

  private static void refuse(ChannelHandlerContext ctx, RequestMessage msg, String message) {
    ctx.writeAndFlush(
        ResponseMessage.build(msg)
            .code(ResponseStatusCode.REQUEST_ERROR_INVALID_REQUEST_ARGUMENTS)
            .statusMessage(message)
            .create());
  }
}
