package org.noodlevision.spark.source;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.spark.ReferenceFiles;

/**
 * The {@code audio} source's header-only scan ({@code samples=false}): the metadata of a full read without the
 * samples, header errors under the modes, the declared length against maxDurationSec. Plain JUnit (both Spark lines).
 */
class AudioHeaderScanTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("AudioHeaderScanTest")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void headerScanGivesTheFullReadsMetadataWithoutSamples() {
    String audio = ReferenceFiles.dir().resolve("audio").toString();
    Map<String, Row> full = byPath(spark.read().format("audio").load(audio)
        .select("path", "format", "sample_rate", "channels", "num_samples", "duration_sec", "error").collectAsList());
    List<Row> headers = spark.read().format("audio").option("samples", "false").load(audio).collectAsList();
    assertEquals(full.size(), headers.size());
    assertTrue(headers.size() >= 10);
    for (Row h : headers) {
      Row f = full.get(h.getString(0));
      assertTrue(h.isNullAt(h.fieldIndex("samples")), "no samples in a header scan");
      assertTrue(h.isNullAt(h.fieldIndex("error")), h.getString(0) + ": " + h.getAs("error"));
      for (String c : List.of("format", "sample_rate", "channels", "num_samples", "duration_sec")) {
        assertEquals(f.<Object>getAs(c), h.<Object>getAs(c), h.getString(0) + ": " + c);
      }
    }
  }

  @Test
  void headerErrorsFollowTheModeAndMaxDurationUsesTheDeclaredLength(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("not-audio.wav");
    Files.writeString(bad, "this is not a RIFF file");
    Path good = ReferenceFiles.dir().resolve("audio").resolve("a440_22050.wav");
    String[] both = {bad.toString(), good.toString()};
    List<Row> permissive = spark.read().format("audio").option("samples", "false").load(both).collectAsList();
    Map<String, Row> rows = byPath(permissive);
    Row badRow = rows.entrySet().stream().filter(e -> e.getKey().endsWith("not-audio.wav")).findFirst()
        .orElseThrow().getValue();
    assertFalse(badRow.isNullAt(badRow.fieldIndex("error")));
    assertEquals(1, spark.read().format("audio").option("samples", "false").option("mode", "DROPMALFORMED")
        .load(both).count());
    Exception e = assertThrows(Exception.class, () -> spark.read().format("audio").option("samples", "false")
        .option("mode", "FAILFAST").load(both).collectAsList());
    assertTrue(String.valueOf(e.getMessage()).contains("not-audio.wav"), e.getMessage());

    Row tooLong = spark.read().format("audio").option("samples", "false").option("maxDurationSec", "0.5")
        .load(good.toString()).where(col("error").isNotNull()).first();
    assertTrue(tooLong.<String>getAs("error").contains("maxDurationSec"), tooLong.<String>getAs("error"));
    Exception badOption = assertThrows(Exception.class,
        () -> spark.read().format("audio").option("samples", "maybe").load(good.toString()).count());
    assertTrue(String.valueOf(badOption.getMessage()).contains("samples"), badOption.getMessage());
  }

  private static Map<String, Row> byPath(List<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows) {
      out.put(r.getString(0), r);
    }
    return out;
  }
}
