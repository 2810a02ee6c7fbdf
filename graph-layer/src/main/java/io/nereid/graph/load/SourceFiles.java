package io.nereid.graph.load;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * The files of a load: folders are expanded (recursively, CSV files only, in path order),
 * {@code .gz} and {@code .bz2} files are decompressed, and each file's kind is found from its
 * header, so that vertex files load before edge files (Neptune scans the files first too).
 */
public final class SourceFiles {

  private SourceFiles() {}

  /**
   * Files taken from a folder: {@code *.csv}, {@code *.csv.gz}, {@code *.csv.bz2} (any case), not
   * hidden. Neptune takes every object under a prefix; a folder on disk usually also holds READMEs
   * and licences (the air-routes folder does), so a folder is filtered by name. A file named
   * explicitly is loaded whatever its name.
   */
  static boolean isCsvName(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return !n.startsWith(".")
        && (n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".csv.bz2"));
  }

  /** A file of the load and its kind (null when its header cannot be read or parsed). */
  public record Entry(Path path, FileHeader.Kind kind, long size, long modified) {}

  /** Every file under the given paths, vertex files first, each group in path order. */
  public static List<Entry> list(List<Path> sources) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path s : sources) {
      if (Files.isDirectory(s)) {
        try (Stream<Path> walk = Files.walk(s)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> isCsvName(p.getFileName().toString()))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(s)) {
        files.add(s);
      } else {
        throw new IOException("no such file or folder: " + s);
      }
    }
    List<Entry> vertices = new ArrayList<>();
    List<Entry> edges = new ArrayList<>();
    for (Path f : files) {
      Entry e = new Entry(f, kindOf(f), Files.size(f), Files.getLastModifiedTime(f).toMillis());
      (e.kind() == FileHeader.Kind.EDGE ? edges : vertices).add(e);
    }
    vertices.addAll(edges);
    return vertices;
  }

  /** Reads just the header; null when it cannot be parsed (the load reports why). */
  static FileHeader.Kind kindOf(Path f) {
    try (CsvTokenizer t = new CsvTokenizer(open(f, new AtomicLong()))) {
      CsvRecord r = new CsvRecord();
      return t.next(r) ? HeaderParser.parse(r).kind() : null;
    } catch (IOException | LoadException e) {
      return null;
    }
  }

  /**
   * Opens a file for reading, decompressing by its extension. {@code rawBytes} counts the bytes
   * read from the file itself (compressed), for the progress estimate.
   */
  public static InputStream open(Path f, AtomicLong rawBytes) throws IOException {
    InputStream raw = new CountingStream(Files.newInputStream(f), rawBytes);
    String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    try {
      if (name.endsWith(".gz")) {
        return new GZIPInputStream(raw, 1 << 16);
      }
      if (name.endsWith(".bz2")) {
        return new BZip2CompressorInputStream(new BufferedInputStream(raw, 1 << 16), true);
      }
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    return raw;
  }

  private static final class CountingStream extends FilterInputStream {
    private final AtomicLong count;

    CountingStream(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
