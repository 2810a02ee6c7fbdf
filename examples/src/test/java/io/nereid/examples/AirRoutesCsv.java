package io.nereid.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The answers to {@link AirRoutesQuestions}, worked out from the CSV files themselves without
 * Nereid, Gremlin or the bulk loader: the examples' answers are checked against these.
 */
final class AirRoutesCsv {

  private AirRoutesCsv() {}

  /** The air-routes folder: shared/data/air-routes beside the repository or a folder above it. */
  static Path locate() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (String candidate : List.of("shared/data/air-routes", "../shared/data/air-routes")) {
        Path c = p.resolve(candidate).normalize();
        if (Files.isDirectory(c)) {
          return c;
        }
      }
    }
    throw new AssertionError(
        "shared/data/air-routes not found beside the repository or in a folder above it");
  }

  static AirRoutesQuestions.Answers expected(Path dir) throws IOException {
    Map<String, String> airportCodes = new HashMap<>(); // ~id -> code, airports only
    for (String[] row : rows(dir.resolve("air-routes-nodes.csv"), 4)) {
      if (row[1].equals("airport")) {
        airportCodes.put(row[0], row[3]);
      }
    }
    Map<String, List<String>> routes = new HashMap<>(); // ~from -> ~to of every route edge
    for (String[] row : rows(dir.resolve("air-routes-edges.csv"), 4)) {
      if (row[3].equals("route")) {
        routes.computeIfAbsent(row[1], k -> new ArrayList<>()).add(row[2]);
      }
    }
    String from = idOf(airportCodes, AirRoutesQuestions.FROM);
    String to = idOf(airportCodes, AirRoutesQuestions.TO);
    List<String> out = routes.getOrDefault(from, List.of());

    TreeSet<String> destinations = new TreeSet<>();
    TreeSet<String> via = new TreeSet<>();
    TreeSet<String> twoFlights = new TreeSet<>(); // by id: two airports may not share a code
    for (String x : out) {
      destinations.add(airportCodes.get(x));
      List<String> next = routes.getOrDefault(x, List.of());
      if (next.contains(to)) {
        via.add(airportCodes.get(x));
      }
      for (String y : next) {
        if (!Objects.equals(airportCodes.get(y), AirRoutesQuestions.FROM)) {
          twoFlights.add(y);
        }
      }
    }
    return new AirRoutesQuestions.Answers(airportCodes.size(), out.size(),
        destinations.stream().limit(AirRoutesQuestions.SHOWN_DESTINATIONS).toList(),
        List.copyOf(via), twoFlights.size());
  }

  private static String idOf(Map<String, String> codes, String code) {
    return codes.entrySet().stream().filter(e -> e.getValue().equals(code)).map(Map.Entry::getKey)
        .findFirst().orElseThrow(() -> new AssertionError("no airport " + code + " in the CSV"));
  }

  /**
   * The first {@code fields} columns of every data row. Those columns (ids, label, code) are never
   * quoted in air-routes, which is checked rather than assumed.
   */
  private static List<String[]> rows(Path file, int fields) throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      r.readLine(); // header
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] cols = line.split(",", fields + 1);
        for (int i = 0; i < fields; i++) {
          if (cols[i].indexOf('"') >= 0) {
            throw new AssertionError("quoted field in " + file + ": " + line);
          }
        }
        rows.add(cols);
      }
    }
    return rows;
  }
}
