package io.nereid.examples;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program the tests start (node, npm, a JVM) and gives back its exit status and output. */
final class ChildProcess {

  /** What the program printed: its standard output, and both streams for failure messages. */
  record Result(int exitCode, String stdout, String stderr) {
    String output() {
      return stdout + stderr;
    }
  }

  private ChildProcess() {}

  /**
   * Runs {@code command} in {@code dir}, with {@code stdin} as its standard input, and waits up to
   * {@code timeoutSeconds}. A program that cannot be started fails the test with {@code missing}
   * as the message.
   */
  static Result run(List<String> command, Path dir, String stdin, long timeoutSeconds,
      String missing) throws IOException, InterruptedException {
    return run(command, Map.of(), dir, stdin, timeoutSeconds, missing);
  }

  /** As above, with {@code environment} added to this JVM's environment. */
  static Result run(List<String> command, Map<String, String> environment, Path dir, String stdin,
      long timeoutSeconds, String missing) throws IOException, InterruptedException {
    Path input = Files.createTempFile(dir, "stdin", ".txt");
    Path output = Files.createTempFile(dir, "stdout", ".txt");
    Path errors = Files.createTempFile(dir, "stderr", ".txt");
    Files.writeString(input, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(input.toFile()).redirectOutput(output.toFile()).redirectError(errors.toFile());
    pb.environment().putAll(environment);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return fail(missing + " (" + e.getMessage() + ")");
    }
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s; output:\n"
          + Files.readString(output, StandardCharsets.UTF_8) + Files.readString(errors, StandardCharsets.UTF_8));
    }
    return new Result(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
        Files.readString(errors, StandardCharsets.UTF_8));
  }
}
