package io.nereid.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The generated social graph of the {@code graph} benchmark, written as Amazon Neptune Gremlin CSV
 * files: persons (name, age), cities (name), {@code knows} edges between persons (with {@code
 * since}) and one {@code livesIn} edge per person. Everything follows from the seed.
 *
 * <p>Degrees are skewed: a person's {@code knows} out-degree is drawn from a Pareto distribution
 * (shape 1.5, capped at 100 times its mean) and scaled so that the total is exactly persons times
 * the average degree; the person at the other end is chosen with a popularity that falls off as
 * rank^-0.5 (over a random permutation, so popularity is unrelated to ids or out-degree), as is a
 * person's city. No self-loops, and no two {@code knows} edges between the same ordered pair.
 *
 * <p>Ids: persons {@code p0..}, cities {@code c0..}, knows edges {@code k0..}, livesIn edges {@code
 * l0..}.
 */
final class SocialGraph {

  static final String PERSONS = "persons.csv";
  static final String CITIES = "cities.csv";
  static final String KNOWS = "knows.csv";
  static final String LIVES_IN = "lives_in.csv";

  static final int SINCE_MIN = 1990;
  static final int SINCE_MAX = 2024;

  private static final String[] FIRST = {
    "Ada", "Alan", "Alice", "Amir", "Ana", "Anton", "Aya", "Ben", "Bo", "Carla", "Chen", "Chloe",
    "Dario", "Dev", "Dina", "Eli", "Elif", "Emma", "Eva", "Femi", "Finn", "Grace", "Hana", "Hugo",
    "Ida", "Ines", "Ivan", "Jana", "Jin", "Joao", "Kai", "Kemal", "Lars", "Lea", "Leo", "Lina",
    "Luca", "Maya", "Mia", "Milan", "Nia", "Nils", "Noah", "Nora", "Omar", "Otto", "Pia", "Priya",
    "Raj", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Tom", "Uma", "Vera", "Wei", "Xena", "Yara",
    "Yusuf", "Zoe", "Zara", "Zeno"
  };
  private static final String[] SYL1 = {
    "Ab", "Bel", "Cor", "Dal", "Ek", "Fon", "Gar", "Hol", "Ir", "Jak", "Kel", "Lom", "Mar", "Nor",
    "Ost", "Per"
  };
  private static final String[] SYL2 = {
    "ba", "den", "fi", "gor", "han", "ker", "lin", "mo", "nes", "ra", "sen", "tov", "ul", "ver",
    "wen", "zi"
  };
  private static final String[] SYL3 = {"", "son", "ez", "ski", "ova", "berg", "ini", "ley"};

  final int persons;
  final int cities;
  final Path dir;
  /** Names of the persons, by index (ids p0..); not unique. */
  final String[] names;
  final long knowsEdges;
  final long livesInEdges;
  final int maxOutDegree;
  final int maxInDegree;
  final int maxCityPopulation;
  final long csvBytes;

  private SocialGraph(int persons, int cities, Path dir, String[] names, long knowsEdges,
      long livesInEdges, int maxOutDegree, int maxInDegree, int maxCityPopulation, long csvBytes) {
    this.persons = persons;
    this.cities = cities;
    this.dir = dir;
    this.names = names;
    this.knowsEdges = knowsEdges;
    this.livesInEdges = livesInEdges;
    this.maxOutDegree = maxOutDegree;
    this.maxInDegree = maxInDegree;
    this.maxCityPopulation = maxCityPopulation;
    this.csvBytes = csvBytes;
  }

  static String personId(int i) {
    return "p" + i;
  }

  static String cityId(int i) {
    return "c" + i;
  }

  /** The CSV files: vertex files first, then edge files (the order a loader must use). */
  List<Path> files() {
    return List.of(dir.resolve(PERSONS), dir.resolve(CITIES), dir.resolve(KNOWS),
        dir.resolve(LIVES_IN));
  }

  long vertices() {
    return (long) persons + cities;
  }

  long edges() {
    return knowsEdges + livesInEdges;
  }

  /** Generates the graph of {@code p} and writes its CSV files into {@code dir}. */
  static SocialGraph generate(GraphParams p, Path dir) throws IOException {
    Files.createDirectories(dir);
    int n = p.persons();
    int c = p.cityCount();
    SplittableRandom rnd = new SplittableRandom(p.seed());

    String[] names = new String[n];
    try (BufferedWriter w = writer(dir.resolve(PERSONS))) {
      w.write("~id,~label,name:String,age:Int\n");
      for (int i = 0; i < n; i++) {
        names[i] = FIRST[rnd.nextInt(FIRST.length)] + " " + SYL1[rnd.nextInt(SYL1.length)]
            + SYL2[rnd.nextInt(SYL2.length)] + SYL3[rnd.nextInt(SYL3.length)];
        int age = 18 + rnd.nextInt(63);
        w.write(personId(i) + ",person," + names[i] + "," + age + "\n");
      }
    }
    try (BufferedWriter w = writer(dir.resolve(CITIES))) {
      w.write("~id,~label,name:String\n");
      for (int i = 0; i < c; i++) {
        w.write(cityId(i) + ",city,City " + i + "\n");
      }
    }

    int[] degree = outDegrees(n, (long) p.avgDegree() * n, rnd);
    int[] popular = permutation(n, rnd);
    int[] inDegree = new int[n];
    long k = 0;
    try (BufferedWriter w = writer(dir.resolve(KNOWS))) {
      w.write("~id,~from,~to,~label,since:Int\n");
      Set<Integer> chosen = new HashSet<>();
      for (int i = 0; i < n; i++) {
        chosen.clear();
        while (chosen.size() < degree[i]) {
          int to = popular[skewed(n, rnd)];
          if (to == i || !chosen.add(to)) {
            continue;
          }
          inDegree[to]++;
          int since = SINCE_MIN + rnd.nextInt(SINCE_MAX - SINCE_MIN + 1);
          w.write("k" + k++ + "," + personId(i) + "," + personId(to) + ",knows," + since + "\n");
        }
      }
    }
    int[] cityOrder = permutation(c, rnd);
    int[] population = new int[c];
    try (BufferedWriter w = writer(dir.resolve(LIVES_IN))) {
      w.write("~id,~from,~to,~label\n");
      for (int i = 0; i < n; i++) {
        int city = cityOrder[skewed(c, rnd)];
        population[city]++;
        w.write("l" + i + "," + personId(i) + "," + cityId(city) + ",livesIn\n");
      }
    }
    long bytes = 0;
    for (String f : List.of(PERSONS, CITIES, KNOWS, LIVES_IN)) {
      bytes += Files.size(dir.resolve(f));
    }
    return new SocialGraph(n, c, dir, names, k, n, Arrays.stream(degree).max().orElse(0),
        Arrays.stream(inDegree).max().orElse(0), Arrays.stream(population).max().orElse(0), bytes);
  }

  /**
   * Out-degrees summing to exactly {@code total}: Pareto(1.5) weights capped at 100 times their
   * mean, scaled to the total, the rounding remainder handed out one by one at random; no degree
   * above n / 4 (so that distinct targets are always found quickly).
   */
  static int[] outDegrees(int n, long total, SplittableRandom rnd) {
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double u = 1.0 - rnd.nextDouble(); // (0, 1]
      w[i] = Math.pow(u, -1.0 / 1.5); // Pareto, shape 1.5, minimum 1, mean 3
      w[i] = Math.min(w[i], 300.0);
      sum += w[i];
    }
    int cap = Math.max(1, n / 4);
    int[] d = new int[n];
    long assigned = 0;
    for (int i = 0; i < n; i++) {
      d[i] = (int) Math.min(cap, Math.floor(w[i] * total / sum));
      assigned += d[i];
    }
    while (assigned < total) {
      int i = rnd.nextInt(n);
      if (d[i] < cap) {
        d[i]++;
        assigned++;
      }
    }
    return d;
  }

  /** An index in [0, n) with probability falling off as index^-0.5 (u² scaled). */
  private static int skewed(int n, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    return Math.min(n - 1, (int) (n * u * u));
  }

  private static int[] permutation(int n, SplittableRandom rnd) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static BufferedWriter writer(Path f) throws IOException {
    return Files.newBufferedWriter(f, StandardCharsets.UTF_8);
  }
}
