package io.nereid.gremlin.server;

import java.util.Optional;
import org.apache.tinkerpop.gremlin.process.traversal.Bytecode;
import org.apache.tinkerpop.gremlin.process.traversal.util.BytecodeHelper;

/**
 * What Nereid evaluates: Gremlin scripts in {@code gremlin-lang} (TinkerPop's grammar, no Groovy)
 * and bytecode without lambdas. A script that names no language is taken as gremlin-lang, the way
 * Neptune takes every script; any other language is refused rather than handed to Groovy, which
 * Gremlin Server would otherwise do.
 */
public final class LanguagePolicy {

  public static final String GREMLIN_LANG = "gremlin-lang";

  private LanguagePolicy() {}

  /** The language to evaluate a script with, or empty if the requested one is refused. */
  public static Optional<String> scriptLanguage(String requested) {
    if (requested == null || requested.isBlank() || requested.equals(GREMLIN_LANG)) {
      return Optional.of(GREMLIN_LANG);
    }
    return Optional.empty();
  }

  public static String refusedLanguage(String requested) {
    return "Nereid evaluates Gremlin scripts with gremlin-lang only (TinkerPop's Gremlin grammar;"
        + " no Groovy): language '"
        + requested
        + "' is not available. Send the script without a language or with language"
        + " 'gremlin-lang', or send bytecode.";
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
