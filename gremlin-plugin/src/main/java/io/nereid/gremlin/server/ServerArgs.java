package io.nereid.gremlin.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The command line of {@code bin/nereid server}: {@code --name value} pairs. */
final class ServerArgs {

  static final Set<String> NAMES = Set.of("conf", "data", "port", "host");

  private ServerArgs() {}

  static Map<String, String> parse(String[] args) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !NAMES.contains(a.substring(2)) || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "usage: bin/nereid server [--conf conf/nereid-server.yaml] [--data dir] [--port 8182]"
                + " [--host localhost]; bad argument '" + a + "'");
      }
      opts.put(a.substring(2), args[++i]);
    }
    return opts;
  }
}
