package io.nereid.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the numbers were measured on.
 *
 * @param nproc processors available to the JVM (what {@code nproc} prints)
 * @param cpuModel the first "model name" of /proc/cpuinfo
 * @param memory total memory, from /proc/meminfo
 * @param javaVersion what {@code java -version} prints, lines joined
 * @param os kernel name, version and architecture
 * @param filesystem type and device of the file system holding the data directories
 * @param jvmFlags the flags of the bench JVMs
 * @param loadAverage the 1, 5 and 15 minute load averages when collected
 * @param revision the git commit of the code measured (and whether the tree had changes)
 */
record MachineInfo(
    int nproc,
    String cpuModel,
    String memory,
    String javaVersion,
    String os,
    String filesystem,
    String jvmFlags,
    String loadAverage,
    String revision) {

  static MachineInfo collect(Path dataDir) {
    return new MachineInfo(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        readMemory(),
        runJavaVersion(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"),
        filesystem(dataDir),
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> !a.startsWith("-D"))
            .collect(Collectors.joining(" ")),
        currentLoadAverage(),
        gitRevision());
  }

  /** {@code git rev-parse --short HEAD} of the repository bench/run belongs to, or "unknown". */
  private static String gitRevision() {
    String root = System.getProperty("nereid.root");
    if (root == null) {
      return "unknown";
    }
    String head = run("git", "-C", root, "rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    String dirty = run("git", "-C", root, "status", "--porcelain", "--untracked-files=no");
    return head + (dirty.isEmpty() ? "" : " with uncommitted changes");
  }

  private static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return p.waitFor() == 0 ? out : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** The first three fields of /proc/loadavg. */
  static String currentLoadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String readMemory() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          long kb = Long.parseLong(l.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // fall through
    }
    return String.format(Locale.ROOT, "unknown (JVM max heap %d MiB)",
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static String runJavaVersion() {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    try {
      Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(30, TimeUnit.SECONDS);
      List<String> lines = out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      if (!lines.isEmpty()) {
        return String.join(" / ", lines);
      }
    } catch (IOException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
  }

  private static String filesystem(Path dir) {
    try {
      FileStore fs = Files.getFileStore(dir);
      return fs.type() + " (" + fs + ")";
    } catch (IOException e) {
      return "unknown";
    }
  }
}
