package io.nereid.graph.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The description of a load in {@code <store>/loads/<loadId>.properties}: its source, options,
 * run number, start time, last status and its files with their sizes and modification times. The
 * progress itself is in the store ({@link LoadProgress}); this file only has to name the load so
 * that RESUME finds it, so it is written at the start and at the end of each run (atomically: a
 * temporary file renamed over it).
 */
final class JobFile {

  /** A file the job knew, by its stable index. */
  record FileInfo(int index, String path, long size, long modified) {}

  record Info(String id, List<String> source, int runNumber, long startTime, String status,
      List<FileInfo> files) {}

  private JobFile() {}

  static void write(Path dir, LoadJob job, List<LoadFeed> feeds, int runNumber, long startTime,
      LoadStatus status) {
    Properties p = new Properties();
    p.setProperty("id", job.id());
    p.setProperty("source.count", Integer.toString(job.source().size()));
    for (int i = 0; i < job.source().size(); i++) {
      p.setProperty("source." + i, job.source().get(i));
    }
    p.setProperty("runNumber", Integer.toString(runNumber));
    p.setProperty("startTime", Long.toString(startTime));
    p.setProperty("status", status.name());
    LoadOptions o = job.options();
    p.setProperty("failOnError", Boolean.toString(o.failOnError()));
    p.setProperty("updateSingleCardinalityProperties",
        Boolean.toString(o.updateSingleCardinalityProperties()));
    p.setProperty("allowEmptyStrings", Boolean.toString(o.allowEmptyStrings()));
    p.setProperty("file.count", Integer.toString(feeds.size()));
    int n = 0;
    for (LoadFeed f : feeds) {
      String k = "file." + n++ + ".";
      p.setProperty(k + "index", Integer.toString(f.index()));
      p.setProperty(k + "path", f.path());
      p.setProperty(k + "size", Long.toString(f.size()));
      p.setProperty(k + "modified", Long.toString(f.modified()));
    }
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(job.id() + ".properties.tmp");
      try (OutputStream out = Files.newOutputStream(tmp)) {
        p.store(out, "Nereid load " + job.id());
      }
      Files.move(tmp, dir.resolve(job.id() + ".properties"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Info read(Path file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    List<String> source = new ArrayList<>();
    int sc = Integer.parseInt(p.getProperty("source.count"));
    for (int i = 0; i < sc; i++) {
      source.add(p.getProperty("source." + i));
    }
    List<FileInfo> files = new ArrayList<>();
    int fc = Integer.parseInt(p.getProperty("file.count"));
    for (int i = 0; i < fc; i++) {
      String k = "file." + i + ".";
      files.add(new FileInfo(Integer.parseInt(p.getProperty(k + "index")),
          p.getProperty(k + "path"), Long.parseLong(p.getProperty(k + "size")),
          Long.parseLong(p.getProperty(k + "modified"))));
    }
    return new Info(p.getProperty("id"), source, Integer.parseInt(p.getProperty("runNumber")),
        Long.parseLong(p.getProperty("startTime")), p.getProperty("status"), files);
  }

  /** Every load described in {@code dir}, newest first. */
  static List<Info> all(Path dir) throws IOException {
    List<Info> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(x -> x.toString().endsWith(".properties")).toList()) {
        out.add(read(f));
      }
    }
    out.sort(Comparator.comparingLong(Info::startTime).reversed());
    return out;
  }
}
