package io.nereid.gremlin.server.http;

import java.util.List;
import java.util.Optional;
import javax.script.ScriptException;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.apache.tinkerpop.gremlin.language.grammar.GremlinErrorListener;
import org.apache.tinkerpop.gremlin.language.grammar.GremlinLexer;
import org.apache.tinkerpop.gremlin.language.grammar.GremlinParser;
import org.apache.tinkerpop.gremlin.language.grammar.GremlinParserException;

/**
 * The traversal of a script for {@code /gremlin/explain} and {@code /gremlin/profile}, found
 * without running anything. gremlin-lang runs a terminal step ({@code next()}, {@code toList()},
 * {@code iterate()}) and {@code g.tx().commit()} while it parses, so the script is first parsed
 * here with TinkerPop's grammar: it must be one traversal, whose terminal step, if any, is cut off
 * (explain and profile iterate the traversal themselves, or not at all).
 */
public record TraversalScript(String traversalText, Optional<String> terminalStep) {

  /**
   * Splits the script; a syntax error is a {@link ScriptException} (answered as
   * MalformedQueryException with its position), a script that is not one traversal a {@link
   * BadRequest}.
   */
  public static TraversalScript of(String script, String endpoint) throws ScriptException, BadRequest {
    GremlinParser.QueryListContext queries = parse(script);
    List<GremlinParser.QueryContext> list = queries.query();
    if (list.size() != 1) {
      throw new BadRequest("BadRequestException", endpoint + " takes one traversal, the script has "
          + list.size() + " queries");
    }
    GremlinParser.QueryContext query = list.get(0);
    GremlinParser.RootTraversalContext root = query.rootTraversal();
    if (root == null) {
      throw new BadRequest("BadRequestException", endpoint + " needs a traversal such as"
          + " g.V().out(), not '" + script.strip() + "'");
    }
    // the token indexes count code points, which String.substring does not
    String text = root.start.getInputStream()
        .getText(Interval.of(root.start.getStartIndex(), root.stop.getStopIndex()));
    GremlinParser.TraversalTerminalMethodContext terminal = query.traversalTerminalMethod();
    return new TraversalScript(text, Optional.ofNullable(terminal).map(t -> t.getText()));
  }

  /**
   * Parses as gremlin-lang does, in ANTLR's full LL mode straight away (gremlin-lang tries the
   * faster SLL mode first and falls back to LL, which accepts the same scripts).
   */
  private static GremlinParser.QueryListContext parse(String script) throws ScriptException {
    GremlinErrorListener errors = new GremlinErrorListener();
    GremlinLexer lexer = new GremlinLexer(CharStreams.fromString(script));
    lexer.removeErrorListeners();
    lexer.addErrorListener(errors);
    GremlinParser parser = new GremlinParser(new CommonTokenStream(lexer));
    parser.getInterpreter().setPredictionMode(PredictionMode.LL);
    parser.removeErrorListeners();
    parser.addErrorListener(errors);
    try {
      return parser.queryList();
    } catch (GremlinParserException e) {
      throw new ScriptException(e);
    }
  }
}
