package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.examples.ExtractJob;

/**
 * After an extract job, the Spark UI of its session reports the job's named accumulators per stage through the REST
 * API, the data the UI's stage page (drawn by JavaScript) lists. A real-browser check is still to do.
 */
class ExtractUiTest {
  @TempDir Path work;

  @Test
  void stagePage_listsTheExtractAccumulators() throws Exception {
    Path audio = java.nio.file.Files.createDirectories(work.resolve("audio"));
    List<Path> files = SampleAudio.copyWithBrokenFile(audio);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("ExtractUiTest")
        .config("spark.ui.enabled", "true").config("spark.ui.port", "0").getOrCreate();
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = ExtractJob.run(new String[] {"--input", audio.toString(), "--output",
          work.resolve("out").toString(), "--features", "mfcc"}, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

      String ui = spark.sparkContext().uiWebUrl().get();
      String app = spark.sparkContext().applicationId();
      JsonNode stages = new ObjectMapper().readTree(get(ui + "/api/v1/applications/" + app + "/stages?details=true"));
      long ok = -1;
      long failed = -1;
      int stageId = -1;
      for (JsonNode stage : stages) {
        for (JsonNode acc : stage.path("accumulatorUpdates")) {
          if (acc.path("name").asText().equals("noodlevision.extract.files_ok")) {
            ok = Long.parseLong(acc.path("value").asText());
            stageId = stage.path("stageId").asInt();
          } else if (acc.path("name").asText().equals("noodlevision.filesFailed")) {
            failed = Long.parseLong(acc.path("value").asText());
          }
        }
      }
      assertEquals(files.size() - 1, ok, "files_ok in the REST API");
      assertEquals(1, failed, "filesFailed in the REST API");
      assertTrue(stageAccumulator(stages, "noodlevision.framesComputed") > 0, "framesComputed in the REST API");

      // the stage page's accumulator table is drawn by JavaScript from this same REST data
      assertTrue(get(ui + "/stages/stage/?id=" + stageId + "&attempt=0").contains("Stage " + stageId),
          "the stage page of that stage is served");
    } finally {
      spark.stop();
    }
  }

  private static long stageAccumulator(JsonNode stages, String name) {
    for (JsonNode stage : stages) {
      for (JsonNode acc : stage.path("accumulatorUpdates")) {
        if (acc.path("name").asText().equals(name)) {
          return Long.parseLong(acc.path("value").asText());
        }
      }
    }
    return -1;
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), url);
    return r.body();
  }
}
