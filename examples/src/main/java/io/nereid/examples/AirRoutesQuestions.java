package io.nereid.examples;

import static org.apache.tinkerpop.gremlin.process.traversal.P.neq;

import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;

/**
 * The questions every air-routes example asks, written once as Gremlin traversals so that the
 * embedded graph and a remote server (bytecode through the Java driver) answer exactly the same
 * thing. examples/js/air-routes.js asks them again in JavaScript and prints them in {@link
 * Answers#format()}'s layout, which is how the tests compare the three.
 */
public final class AirRoutesQuestions {

  /** The airport the questions start from, and the one the one-stop question flies to. */
  public static final String FROM = "AUS";
  public static final String TO = "LHR";

  /** How many destination codes are printed (the first ones in alphabetical order). */
  public static final int SHOWN_DESTINATIONS = 10;

  private AirRoutesQuestions() {}

  /**
   * The answers.
   *
   * @param airports vertices labelled airport
   * @param routesFrom route edges out of {@link #FROM}
   * @param firstDestinations the first {@link #SHOWN_DESTINATIONS} codes those routes reach, sorted
   * @param oneStopVia airports X with routes FROM -> X and X -> TO, sorted by code
   * @param twoFlightsAway distinct airports (other than FROM) reached by exactly two flights
   */
  public record Answers(long airports, long routesFrom, List<String> firstDestinations,
      List<String> oneStopVia, long twoFlightsAway) {

    /** The printed form, one answer a line; the JavaScript example prints the same lines. */
    public String format() {
      return "airports: " + airports + "\n"
          + "routes from " + FROM + ": " + routesFrom + "\n"
          + "first destinations from " + FROM + ": " + String.join(" ", firstDestinations) + "\n"
          + FROM + " -> ? -> " + TO + ": " + String.join(" ", oneStopVia)
          + " (" + oneStopVia.size() + " airports)\n"
          + "airports two flights from " + FROM + ": " + twoFlightsAway + "\n";
    }
  }

  /** Asks every question of {@code g}, embedded or remote. */
  public static Answers ask(GraphTraversalSource g) {
    long airports = g.V().hasLabel("airport").count().next();
    long routes = g.V().has("airport", "code", FROM).out("route").count().next();
    List<String> first = g.V().has("airport", "code", FROM).out("route").<String>values("code")
        .dedup().order().limit(SHOWN_DESTINATIONS).toList();
    return new Answers(airports, routes, first, oneStopVia(g), twoFlightsAway(g));
  }

  static List<String> oneStopVia(GraphTraversalSource g) {
    return g.V().has("airport", "code", FROM).out("route")
        .where(__.out("route").has("code", TO))
        .<String>values("code").dedup().order().toList();
  }

  static long twoFlightsAway(GraphTraversalSource g) {
    return g.V().has("airport", "code", FROM).out("route").out("route")
        .dedup().has("code", neq(FROM)).count().next();
  }
}
