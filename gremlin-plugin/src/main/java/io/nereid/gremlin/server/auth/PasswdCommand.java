package io.nereid.gremlin.server.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code bin/nereid passwd [--iterations n] <credentials file> <user>}: adds a user to the server's
 * credentials file, or gives an existing user a new password. The password is read from the
 * terminal without echo (asked twice), or as the first line of stdin when stdin is not a terminal
 * ({@code printf '%s\n' "$PW" | bin/nereid passwd conf/credentials alice}). A running server
 * picks up the change on the next login.
 */
public final class PasswdCommand {

  static final String USAGE = "usage: bin/nereid passwd [--iterations n] <credentials file> <user>";

  private PasswdCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /** Runs the command; returns the exit status (0 done, 1 failed, 2 bad arguments). */
  public static int run(String[] args, PrintStream err) {
    int iterations = PasswordHash.DEFAULT_ITERATIONS;
    int i = 0;
    try {
      if (args.length > 0 && args[0].equals("--iterations")) {
        if (args.length < 2) {
          throw new IllegalArgumentException("--iterations needs a number");
        }
        iterations = Integer.parseInt(args[1]);
        i = 2;
      }
      if (args.length - i != 2) {
        throw new IllegalArgumentException("expected a credentials file and a user name");
      }
      CredentialsFile.checkUserName(args[i + 1]);
    } catch (IllegalArgumentException e) {
      err.println(USAGE);
      err.println(e.getMessage());
      return 2;
    }
    Path file = Path.of(args[i]);
    String user = args[i + 1];
    char[] password = null;
    try {
      CredentialsFile credentials = CredentialsFile.readOrEmpty(file);
      password = readPassword(user);
      boolean existed = credentials.get(user) != null;
      credentials.put(user, PasswordHash.create(password, iterations));
      credentials.write();
      err.println((existed ? "changed the password of user '" : "added user '") + user + "' to " + file);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("passwd failed: " + e.getMessage());
      return 1;
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static char[] readPassword(String user) throws IOException {
    Console console = System.console();
    char[] password;
    if (console != null) {
      password = console.readPassword("Password for %s: ", user);
      char[] again = console.readPassword("Same password again: ");
      try {
        if (password == null || again == null || !Arrays.equals(password, again)) {
          throw new IllegalArgumentException("the two passwords differ; nothing changed");
        }
      } finally {
        if (again != null) {
          Arrays.fill(again, '\0');
        }
      }
    } else {
      // not a terminal: the first line of stdin, without its line break
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty; nothing changed");
    }
    return password;
  }
}
