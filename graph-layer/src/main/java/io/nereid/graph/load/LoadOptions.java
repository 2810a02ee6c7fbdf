package io.nereid.graph.load;

import java.util.Locale;

/**
 * Neptune's load parameters that apply to a Gremlin CSV load, plus the batch size.
 *
 * @param failOnError stop at the first error (rows before it stay loaded); otherwise skip bad
 *     statements and rows and go on (Neptune's default: true)
 * @param mode NEW, RESUME or AUTO (Neptune's default: AUTO)
 * @param parallelism worker threads as Neptune names them (LOW, MEDIUM, HIGH, OVERSUBSCRIBE)
 * @param updateSingleCardinalityProperties a new value for a single-cardinality property
 *     replaces the old one instead of being a SINGLE_CARDINALITY_VIOLATION
 * @param allowEmptyStrings a quoted empty field of a String column is the value "" (otherwise no
 *     value, Neptune's default)
 * @param batchStatements statements (labels, property values, edges) per committed batch; the
 *     default, 300,000 (about a million kv keys), was the fastest measured: smaller batches
 *     rewrite the pages of the randomly-ordered indexes (POGS, OSGP, xid, degrees) more often,
 *     larger ones keep more drafts alive through garbage collections (docs/BENCHMARKS.md)
 */
public record LoadOptions(
    boolean failOnError,
    Mode mode,
    Parallelism parallelism,
    boolean updateSingleCardinalityProperties,
    boolean allowEmptyStrings,
    int batchStatements) {

  public enum Mode {
    NEW,
    RESUME,
    AUTO
  }

  /** Neptune's parallelism levels, as fractions of the available cores. */
  public enum Parallelism {
    LOW,
    MEDIUM,
    HIGH,
    OVERSUBSCRIBE;

    public int threads() {
      int cpus = Runtime.getRuntime().availableProcessors();
      return switch (this) {
        case LOW -> Math.max(1, cpus / 8);
        case MEDIUM -> Math.max(1, cpus / 2);
        case HIGH -> cpus;
        case OVERSUBSCRIBE -> 2 * cpus;
      };
    }
  }

  public LoadOptions {
    if (batchStatements < 1) {
      throw new IllegalArgumentException("batchStatements must be positive");
    }
  }

  /**
   * Neptune's defaults: failOnError TRUE, mode AUTO, parallelism HIGH, the rest FALSE; ours:
   * batchStatements 300,000.
   */
  public static LoadOptions defaults() {
    return new LoadOptions(true, Mode.AUTO, Parallelism.HIGH, false, false, 300_000);
  }

  public LoadOptions withFailOnError(boolean v) {
    return new LoadOptions(v, mode, parallelism, updateSingleCardinalityProperties,
        allowEmptyStrings, batchStatements);
  }

  public LoadOptions withMode(Mode v) {
    return new LoadOptions(failOnError, v, parallelism, updateSingleCardinalityProperties,
        allowEmptyStrings, batchStatements);
  }

  public LoadOptions withParallelism(Parallelism v) {
    return new LoadOptions(failOnError, mode, v, updateSingleCardinalityProperties,
        allowEmptyStrings, batchStatements);
  }

  public LoadOptions withUpdateSingleCardinalityProperties(boolean v) {
    return new LoadOptions(failOnError, mode, parallelism, v, allowEmptyStrings, batchStatements);
  }

  public LoadOptions withAllowEmptyStrings(boolean v) {
    return new LoadOptions(failOnError, mode, parallelism, updateSingleCardinalityProperties, v,
        batchStatements);
  }

  public LoadOptions withBatchStatements(int v) {
    return new LoadOptions(failOnError, mode, parallelism, updateSingleCardinalityProperties,
        allowEmptyStrings, v);
  }

  /** Sets one option by its Neptune name ({@code failOnError=FALSE}); values case-insensitive. */
  public LoadOptions with(String name, String value) {
    String v = value.toUpperCase(Locale.ROOT);
    return switch (name) {
      case "failOnError" -> withFailOnError(bool(name, v));
      case "mode" -> withMode(Mode.valueOf(v));
      case "parallelism" -> withParallelism(Parallelism.valueOf(v));
      case "updateSingleCardinalityProperties" -> withUpdateSingleCardinalityProperties(
          bool(name, v));
      case "allowEmptyStrings" -> withAllowEmptyStrings(bool(name, v));
      case "batchStatements" -> withBatchStatements(Integer.parseInt(value));
      default -> throw new IllegalArgumentException("unknown load option '" + name + "'");
    };
  }

  private static boolean bool(String name, String v) {
    if (!v.equals("TRUE") && !v.equals("FALSE")) {
      throw new IllegalArgumentException(name + " must be TRUE or FALSE, not " + v);
    }
    return v.equals("TRUE");
  }
}
