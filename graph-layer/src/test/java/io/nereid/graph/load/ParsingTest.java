package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.Cardinality;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer, the header parser and the type parsers on their own. */
class ParsingTest {

  static List<String> records(String csv) throws IOException {
    byte[] b = csv.getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    try (CsvTokenizer t = new CsvTokenizer(new ByteArrayInputStream(b))) {
      CsvRecord r = new CsvRecord();
      while (true) {
        try {
          if (!t.next(r)) {
            break;
          }
          List<String> f = new ArrayList<>();
          for (int i = 0; i < r.size(); i++) {
            f.add(r.get(i) == null ? "<blank>" : (r.quoted(i) ? "q:" : "") + r.get(i));
          }
          out.add(r.line() + " " + f);
        } catch (LoadException e) {
          out.add(e.line() + " ERROR");
        }
      }
    }
    return out;
  }

  @Test
  void tokenizerLinesQuotesBlanksAndLineBreaks() throws IOException {
    assertEquals(List.of("1 [a, b]", "2 [q:x,\r\ny, q:, <blank>]", "4 [c, q:d\"e]", "6 [f]"),
        records("\uFEFFa , b\r\n\"x,\r\ny\",\"\",\r\n c,\"d\"\"e\"\r\n\n f\n"));
    assertEquals(List.of("1 [a]", "2 ERROR", "3 [c]"), records("a\nb\"x\nc\n"));
    assertEquals(List.of("1 [a]", "2 ERROR"), records("a\n\"open\nmore\n"));
    assertEquals(List.of("1 [a]", "2 [b]", "3 [c]"), records("a\rb\r\nc"));
  }

  @Test
  void headerForms() {
    FileHeader h = HeaderParser.parse(CsvRecord.of(1, "~id", "~label", "a\\:b:INT[]",
        "c:string(Single)", "d:Date(set)[]", "e"));
    assertEquals(FileHeader.Kind.VERTEX, h.kind());
    assertEquals(new PropertyColumn(2, "a:b", DataType.INT, true, Cardinality.SET),
        h.properties().get(0));
    assertEquals(new PropertyColumn(3, "c", DataType.STRING, false, Cardinality.SINGLE),
        h.properties().get(1));
    assertEquals(new PropertyColumn(4, "d", DataType.DATE, true, Cardinality.SET),
        h.properties().get(2));
    assertEquals(DataType.STRING, h.properties().get(3).type());
    FileHeader e = HeaderParser.parse(CsvRecord.of(1, "~to", "~id", "~from", "w:double"));
    assertEquals(FileHeader.Kind.EDGE, e.kind());
    assertEquals(Cardinality.SINGLE, e.properties().get(0).cardinality());
    for (String[] bad : new String[][] {{"name"}, {"~id", "~id"}, {"~id", "x:Int(list)"},
        {"~id", "~from", "~to", "x:Int[]"}, {"~id", "~from", "~to", "x:Int(set)"},
        {"~id", "~weird"}, {"~id", ":Int"}, {"~id", "x:Int", "x:Long"}}) {
      assertThrows(LoadException.class, () -> HeaderParser.parse(CsvRecord.of(1, bad)),
          String.join(",", bad));
    }
  }

  @Test
  void typesAndRanges() {
    assertEquals(true, DataType.BOOL.parse("True"));
    assertEquals(false, DataType.BOOL.parse("yes")); // Neptune: anything else is false
    assertEquals((byte) -128, DataType.BYTE.parse("-128"));
    assertEquals(32767, ((Short) DataType.SHORT.parse("+32767")).intValue());
    assertEquals(Long.MIN_VALUE, DataType.LONG.parse("-9223372036854775808"));
    assertEquals(Float.POSITIVE_INFINITY, DataType.FLOAT.parse("+Infinity"));
    assertTrue(Double.isNaN((Double) DataType.DOUBLE.parse("NaN")));
    assertEquals(1.0e-3, DataType.DOUBLE.parse(".1e-2"));
    assertEquals(new Date(0), DataType.DATE.parse("1970-01-01"));
    assertEquals(new Date(60_000), DataType.DATE.parse("1970-01-01T00:01"));
    assertEquals(new Date(-3_600_000), DataType.DATE.parse("1970-01-01T00:00:00+0100"));
    for (Object[] bad : new Object[][] {{DataType.BYTE, "128"}, {DataType.INT, "2147483648"},
        {DataType.INT, "1e3"}, {DataType.LONG, "0x10"}, {DataType.FLOAT, "1e39"},
        {DataType.DOUBLE, "1e309"}, {DataType.DOUBLE, "INF"}, {DataType.DOUBLE, "1.5d"},
        {DataType.DATE, "2021-13-01"}, {DataType.DATE, "2021-01-01 10:00"},
        {DataType.DATE, "01/02/2021"}}) {
      assertThrows(IllegalArgumentException.class, () -> ((DataType) bad[0]).parse(
          (String) bad[1]), bad[0] + " " + bad[1]);
    }
    assertNull(DataType.ofName("integr"));
    assertEquals(DataType.DATE, DataType.ofName("DateTime"));
  }

  @Test
  void statusJsonIsShapedLikeNeptunes() {
    LoadJob job = new LoadJob("id-1", List.of("/data"), LoadOptions.defaults());
    LoadFeed f = new LoadFeed(0, "/data/v.csv", FileHeader.Kind.VERTEX, 10, 0);
    job.addFeed(f);
    LoadCounters c = new LoadCounters();
    c.totalRecords = 6;
    c.totalDuplicates = 3;
    c.parsingErrors = 1;
    job.committed(f, c, 2, true, LoadStatus.LOAD_FAILED);
    job.addErrors(List.of(new LoadError("/data/v.csv", 3, LoadErrorCode.PARSING_ERROR,
        "record has \"more\" columns")));
    job.setStatus(LoadStatus.LOAD_FAILED, null);
    String json = LoadStatusJson.status(job.view(), true, true, 1, 10);
    assertTrue(json.startsWith("{\"status\":\"200 OK\",\"payload\":{\"feedCount\":"
        + "[{\"LOAD_FAILED\":1}],\"overallStatus\":{\"fullUri\":\"/data\",\"runNumber\":1,"
        + "\"retryNumber\":0,\"status\":\"LOAD_FAILED\",\"totalTimeSpent\":0,\"startTime\":"),
        json);
    assertTrue(json.contains("\"totalRecords\":6,\"totalDuplicates\":3,\"parsingErrors\":1,"
        + "\"datatypeMismatchErrors\":0,\"insertErrors\":0}"), json);
    assertTrue(json.contains("\"failedFeeds\":[{\"fullUri\":\"/data/v.csv\""), json);
    assertTrue(json.endsWith("\"errors\":{\"startIndex\":1,\"endIndex\":1,\"loadId\":\"id-1\","
        + "\"errorLogs\":[{\"errorCode\":\"PARSING_ERROR\",\"errorMessage\":"
        + "\"record has \\\"more\\\" columns\",\"fileName\":\"/data/v.csv\",\"recordNum\":3}]}}}"),
        json);
    assertTrue(LoadStatusJson.status(job.view(), false, true, 2, 10)
        .contains("\"startIndex\":0,\"endIndex\":0"));
    assertEquals("{\"status\":\"200 OK\",\"payload\":{\"loadIds\":[\"a\",\"b\"]}}",
        LoadStatusJson.list(List.of("a", "b")));
    LoadError e = new LoadError("/f.csv", 7, LoadErrorCode.DATATYPE_MISMATCH, "a\tb\nc\\");
    assertEquals(e, LoadError.parseLogLine(e.toLogLine()));
  }
}
