package io.nereid.graph.load;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Neptune's loader responses as JSON text, for the command's summary and a future HTTP server:
 * {@code GET /loader/{loadId}} ({@link #status}) and {@code GET /loader} ({@link #list}).
 */
public final class LoadStatusJson {

  private LoadStatusJson() {}

  /**
   * The GET /loader/{loadId} response. {@code details} adds failedFeeds; {@code errors} adds one
   * page of error logs ({@code page} from 1, {@code errorsPerPage} per page), as Neptune does.
   */
  public static String status(
      LoadJob.View v, boolean details, boolean errors, int page, int errorsPerPage) {
    Json j = new Json().begin().field("status", "200 OK").name("payload").begin();
    Map<LoadStatus, Integer> feedCount = new TreeMap<>();
    for (LoadJob.FeedView f : v.feeds()) {
      feedCount.merge(f.status(), 1, Integer::sum);
    }
    j.name("feedCount").beginArray();
    feedCount.forEach((s, n) -> j.begin().field(s.name(), n).end());
    j.endArray();
    j.name("overallStatus");
    counters(j.begin(), String.join(",", v.source()), v.runNumber(), v.status(),
        v.timeSpentMillis(), v.startTime(), v.overall());
    if (v.failure() != null) {
      j.field("reason", v.failure());
    }
    j.end();
    if (details) {
      j.name("failedFeeds").beginArray();
      for (LoadJob.FeedView f : v.feeds()) {
        if (f.status() == LoadStatus.LOAD_FAILED || f.status() == LoadStatus.LOAD_UNEXPECTED_ERROR) {
          counters(j.begin(), f.path(), v.runNumber(), f.status(), 0, v.startTime(), f.counters())
              .end();
        }
      }
      j.endArray();
    }
    if (errors) {
      errorPage(j, v, Math.max(page, 1), Math.max(errorsPerPage, 1));
    }
    return j.end().end().toString();
  }

  /** The GET /loader response: the ids of the known loads, newest first. */
  public static String list(List<String> loadIds) {
    Json j = new Json().begin().field("status", "200 OK").name("payload").begin();
    j.name("loadIds").beginArray();
    loadIds.forEach(j::value);
    return j.endArray().end().end().toString();
  }

  private static Json counters(Json j, String uri, int run, LoadStatus status, long millis,
      long startTime, LoadCounters c) {
    return j.field("fullUri", uri)
        .field("runNumber", run)
        .field("retryNumber", 0)
        .field("status", status.name())
        .field("totalTimeSpent", millis / 1000)
        .field("startTime", startTime)
        .field("totalRecords", c.totalRecords)
        .field("totalDuplicates", c.totalDuplicates)
        .field("parsingErrors", c.parsingErrors)
        .field("datatypeMismatchErrors", c.datatypeMismatchErrors)
        .field("insertErrors", c.insertErrors);
  }

  private static void errorPage(Json j, LoadJob.View v, int page, int perPage) {
    List<LoadError> all = v.errors();
    int from = Math.min((page - 1) * perPage, all.size());
    int to = Math.min(from + perPage, all.size());
    j.name("errors").begin()
        .field("startIndex", to > from ? from + 1 : 0)
        .field("endIndex", to > from ? to : 0)
        .field("loadId", v.id())
        .name("errorLogs").beginArray();
    for (LoadError e : all.subList(from, to)) {
      j.begin()
          .field("errorCode", e.code().name())
          .field("errorMessage", e.message())
          .field("fileName", e.fileName())
          .field("recordNum", e.line())
          .end();
    }
    j.endArray().end();
  }
}
