package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neptune's merge semantics, each checked with batches of one statement (every row meets the
 * earlier ones in the store) and with one large batch (they meet in memory): the outcome must not
 * depend on where batches end.
 */
class LoadSemanticsTest {

  @TempDir Path tmp;
  private int n;

  private record Result(String graph, LoadJob.View view) {}

  private Result load(LoadOptions options, String... files) throws IOException {
    Path dir = tmp.resolve("data" + n++);
    Files.createDirectories(dir);
    for (int i = 0; i < files.length; i += 2) {
      Files.writeString(dir.resolve(files[i]), files[i + 1], StandardCharsets.UTF_8);
    }
    Result small = null;
    // Offline (bulk batches) and live-store (graph transactions, for the server): the same graph.
    for (int batch : new int[] {1, 1_000_000, -1, -1_000_000}) {
      try (GraphStore store = LoadTestSupport.open(tmp.resolve("s" + n++))) {
        LoadJob.View v = LoadTestSupport.load(store, tmp.resolve("j" + n++),
            options.withBatchStatements(Math.abs(batch)), batch < 0, dir);
        TestStores.assertConsistent(store);
        Result r = new Result(LoadTestSupport.describe(store), v);
        if (small == null) {
          small = r;
        } else {
          assertEquals(small.graph(), r.graph(), "batch size or live store changes the graph");
          assertEquals(small.view().overall().toString(), r.view().overall().toString());
        }
      }
    }
    return small;
  }

  private static LoadOptions lenient() {
    return LoadOptions.defaults().withFailOnError(false);
  }

  @Test
  void neptuneExampleLoadsAndCountsStatements() throws IOException {
    Result r = load(LoadOptions.defaults(),
        "v.csv", "~id,name:String,age:Int,lang:String,interests:String[],~label\n"
            + "v1,\"marko\",29,,\"sailing;graphs\",person\n"
            + "v2,\"lop\",,\"java\",,software\n",
        "e.csv", "~id,~from,~to,~label,weight:Double\ne1,v1,v2,created,0.4\n");
    assertEquals("E e1 created v1->v2 [weight=0.4:Double]\n"
        + "V v1 person [age=29:Integer, interests=graphs:String, interests=sailing:String,"
        + " name=marko:String]\n"
        + "V v2 software [lang=java:String, name=lop:String]", r.graph());
    assertEquals(LoadStatus.LOAD_COMPLETED, r.view().status());
    assertEquals(5 + 3 + 2, r.view().overall().totalRecords);
  }

  @Test
  void sameRowTwiceIsAllDuplicates() throws IOException {
    Result r = load(LoadOptions.defaults(),
        "v.csv", "~id,~label,name,team\nP-1,Player,Stokes,England\nP-1,Player,Stokes,England\n");
    assertEquals(6, r.view().overall().totalRecords);
    assertEquals(3, r.view().overall().totalDuplicates);
    assertEquals("V P-1 Player [name=Stokes:String, team=England:String]", r.graph());
  }

  @Test
  void rowsOfOneIdMergeLabelsAndSetValues() throws IOException {
    Result r = load(LoadOptions.defaults(),
        "v1.csv", "~id,~label,tag:String\nx,person,a\n",
        "v2.csv", "~id,~label,tag:String[],age:Int\nx,employee;person,b;a,40\n",
        "v3.csv", "~id,nick\nx,X\n");
    assertEquals("V x employee::person [age=40:Integer, nick=X:String, tag=a:String,"
        + " tag=b:String]", r.graph());
    assertEquals(2, r.view().overall().totalDuplicates); // label person, tag a
  }

  @Test
  void singleCardinalityViolationOrUpdate() throws IOException {
    String[] files = {"v.csv", "~id,name:String(single),n:Int(single)\nx,a,1\nx,a,2\nx,b,2\n"};
    Result strict = load(lenient(), files);
    assertEquals("V x vertex [n=1:Integer, name=a:String]", strict.graph());
    assertEquals(3, strict.view().overall().insertErrors); // n=2 (row 3); b and n=2 (row 4)
    Result update = load(lenient().withUpdateSingleCardinalityProperties(true), files);
    assertEquals("V x vertex [n=2:Integer, name=b:String]", update.graph());
    assertEquals(0, update.view().overall().errors());
  }

  @Test
  void edgePropertiesAreSingleAndEdgesMerge() throws IOException {
    String v = "~id\na\nb\n";
    String e = "~id,~from,~to,~label,w:Int\ne,a,b,r,1\ne,a,b,r,1\ne,a,b,r,2\ne,a,b,r,\n";
    Result strict = load(lenient(), "v.csv", v, "e.csv", e);
    assertTrue(strict.graph().startsWith("E e r a->b [w=1:Integer]"), strict.graph());
    assertEquals(1, strict.view().overall().insertErrors);
    Result update = load(lenient().withUpdateSingleCardinalityProperties(true), "v.csv", v,
        "e.csv", e);
    assertTrue(update.graph().startsWith("E e r a->b [w=2:Integer]"), update.graph());
  }

  @Test
  void emptyStringsAndBlanks() throws IOException {
    String[] files = {"v.csv", "~id,s:String,n:Int\n\"\",\"\",\"\"\nb,,\n"};
    assertEquals("V  vertex []\nV b vertex []", load(LoadOptions.defaults(), files).graph());
    assertEquals("V  vertex [s=:String]\nV b vertex []",
        load(LoadOptions.defaults().withAllowEmptyStrings(true), files).graph());
  }

  @Test
  void typesEscapesAndQuoting() throws IOException {
    Result r = load(LoadOptions.defaults(), "v.csv",
        "~id, a\\:b:bool , c:Byte,d:Short,e:Long,f:Float,g:Double,h:Date,i:String[],j\n"
            + "x, TRUE ,-1,300,-5,1.5e1,-Infinity,2020-01-02T03:04:05.006+01:00,"
            + "\"p\\;q;r\",\"s;t\"\"u\"\"\"\n");
    assertEquals("V x vertex [a:b=true:Boolean, c=-1:Byte, d=300:Short, e=-5:Long,"
        + " f=15.0:Float, g=-Infinity:Double, h=1577930645006:Date, i=p;q:String,"
        + " i=r:String, j=s;t\"u\":String]", r.graph());
  }

  @Test
  void aCorruptCompressedFileStopsAtItsDamage() throws Exception {
    Path dir = MalformedCorpusTest.corpus("corrupt_gzip");
    try (GraphStore store = LoadTestSupport.open(tmp.resolve("gz"))) {
      LoadJob.View v = LoadTestSupport.load(store, tmp.resolve("gzj"), lenient(), dir);
      assertEquals(1, v.errorCount(), v.errors().toString());
      assertEquals(LoadErrorCode.FILE_MODIFICATION_OR_DELETION_ERROR, v.errors().get(0).code());
      assertEquals(LoadStatus.LOAD_FAILED, v.status());
      long loaded = MalformedCorpusTest.vertexIds(store).size();
      assertTrue(loaded > 1000 && loaded < 20_000, "the rows before the damage load: " + loaded);
      assertEquals(loaded + 2, v.errors().get(0).line(), "reported where reading stopped");
      TestStores.assertConsistent(store);
    }
  }

  @Test
  void aRelabelledVertexKeepsItsIndexEntriesRight() throws IOException {
    load(LoadOptions.defaults(), "a.csv", "~id,~label,k:Int\nx,b,1\n", "b.csv", "~id,~label\nx,a\n");
    try (GraphStore store = LoadTestSupport.open(tmp.resolve("s" + (n - 2)));
        GraphSnapshot s = store.snapshot()) {
      assertEquals(1, s.verticesByProperty("a::b", "k", 1).count());
      assertEquals(0, s.verticesByProperty("b", "k", 1).count());
      assertEquals(1, s.vertexCount("a::b"));
      assertEquals(0, s.vertexCount("b"));
    }
  }
}
