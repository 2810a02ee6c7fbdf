package io.nereid.gremlin.server;

import java.util.Optional;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.util.BytecodeHelper;

/**
 * What Nereid evaluates: Gremlin scripts in {@code gremlin-lang} (TinkerPop's grammar, no Groovy)
 * and bytecode without lambdas. A script that names no language is taken as gremlin-lang, the way
 * Neptune takes every script; so is a script labelled {@code gremlin-groovy}, which is what
 * gremlin-javascript 3.7's {@code Client.submit} always sends: it is parsed by the Gremlin grammar,
 * never run by Groovy, so Groovy-only code (closures, method calls on values, {@code def}) fails to
 * parse, with its position. Any other language is refused.
 */
public final class LanguagePolicy {

  public static final String GREMLIN_LANG = "gremlin-lang";
  /** A label GLVs send by default; the script is still parsed as gremlin-lang. */
  public static final String GREMLIN_GROOVY = "gremlin-groovy";

  private LanguagePolicy() {}

  /** The language to evaluate a script with, or empty if the requested one is refused. */
  public static Optional<String> scriptLanguage(String requested) {
    if (requested == null
        || requested.isBlank()
        || requested.equals(GREMLIN_LANG)
        || requested.equals(GREMLIN_GROOVY)) {
      return Optional.of(GREMLIN_LANG);
    }
    return Optional.empty();
  }

  public static String refusedLanguage(String requested) {
    return "Nereid evaluates Gremlin scripts with gremlin-lang only (TinkerPop's Gremlin grammar;"
        + " no Groovy): language '"
        + requested
        + "' is not available. Send the script without a language or with language"
        + " 'gremlin-lang' (scripts labelled 'gremlin-groovy' are parsed as gremlin-lang too;"
        + " Groovy is never run), or send bytecode.";
  }

  /** An error message if the bytecode carries a lambda (which only a script engine could run). */
  public static Optional<String> refuseBytecode(Bytecode bytecode) {
    Optional<String> lambdaLanguage = BytecodeHelper.getLambdaLanguage(bytecode);
    return lambdaLanguage.map(
        l ->
            "Nereid does not evaluate lambdas (this traversal carries a "
                + l
                + " lambda): express it with Gremlin steps instead.");
  }
}
