package io.nereid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

  @TempDir Path dir;

  @Test
  void createsTheFileWithAHeaderAndTheSection() throws Exception {
    Path f = dir.resolve("docs/BENCHMARKS.md");
    MarkdownReport.writeSection(f, "## kv-layer vs raw lmdbjava\n\nnew table\n");
    String text = Files.readString(f);
    assertTrue(text.startsWith("# Nereid benchmarks\n"), text);
    assertTrue(text.endsWith("## kv-layer vs raw lmdbjava\n\nnew table\n"), text);
  }

  @Test
  void replacesOnlyItsOwnSection() throws Exception {
    Path f = dir.resolve("BENCHMARKS.md");
    Files.writeString(f, String.join("\n",
        "# Nereid benchmarks", "", "intro", "",
        "## graph", "", "graph table", "",
        "## kv-layer vs raw lmdbjava", "", "old table", "### sub", "old detail", "",
        "## server", "", "server table", ""));
    MarkdownReport.writeSection(f, "## kv-layer vs raw lmdbjava\n\nnew table\n");
    assertEquals(String.join("\n",
        "# Nereid benchmarks", "", "intro", "",
        "## graph", "", "graph table", "",
        "## kv-layer vs raw lmdbjava", "", "new table", "",
        "## server", "", "server table", ""), Files.readString(f));
  }

  @Test
  void appendsWhenTheSectionIsMissing() throws Exception {
    Path f = dir.resolve("BENCHMARKS.md");
    Files.writeString(f, "# Nereid benchmarks\n\n## graph\n\ngraph table\n\n\n");
    MarkdownReport.writeSection(f, "## kv-layer vs raw lmdbjava\n\nnew table\n");
    assertEquals("# Nereid benchmarks\n\n## graph\n\ngraph table\n\n"
        + "## kv-layer vs raw lmdbjava\n\nnew table\n", Files.readString(f));
  }
}
