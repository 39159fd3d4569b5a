package org.noodlevision.spark.source;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.ReferenceFiles;
import org.noodlevision.spark.SparkTestBase;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/** The {@code audio} source over a folder with good, nested and corrupt files, in every mode. */
class AudioDataSourceTest extends SparkTestBase {
  @TempDir
  static Path dir;

  @BeforeAll
  static void writeFiles() throws IOException {
    Path audio = ReferenceFiles.dir().resolve("audio");
    Files.copy(audio.resolve("a440_22050.wav"), dir.resolve("a440_22050.wav"));
    Files.copy(audio.resolve("stereo_48000.wav"), dir.resolve("stereo_48000.wav"));
    Files.createDirectories(dir.resolve("nested"));
    Files.copy(audio.resolve("triad_sine_22050.wav"), dir.resolve("nested").resolve("triad_sine_22050.wav"));
    // A RIFF/WAVE header whose fmt chunk is cut short: a corrupt file.
    byte[] corrupt = {'R', 'I', 'F', 'F', 40, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0};
    Files.write(dir.resolve("corrupt.wav"), corrupt);
    Files.writeString(dir.resolve("notes.txt"), "not audio");
  }

  private Map<String, Row> byName(Dataset<Row> df) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row r : df.collectAsList()) {
      String path = r.getAs("path");
      rows.put(path.substring(path.lastIndexOf('/') + 1), r);
    }
    return rows;
  }

  @Test
  void oneFile_givesDecoderSamplesAndMetadata() {
    Path file = dir.resolve("stereo_48000.wav");
    Row row = spark().read().format("audio").load(file.toString()).collectAsList().get(0);
    float[] expected = AudioDecoders.decode(file).samples();
    assertEquals("wav", row.getAs("format"));
    assertEquals(48000, (int) row.getAs("sample_rate"));
    assertEquals(2, (int) row.getAs("channels"));
    assertEquals(expected.length, (long) row.getAs("num_samples"));
    assertEquals(expected.length / 48000.0, (double) row.getAs("duration_sec"), 1e-12);
    assertNull(row.getAs("error"));
    List<Float> samples = row.getList(row.fieldIndex("samples"));
    float[] actual = new float[samples.size()];
    for (int i = 0; i < actual.length; i++) {
      actual[i] = samples.get(i);
    }
    assertArrayEquals(expected, actual, "samples are the decoder's, bit for bit");
  }

  @Test
  void fullClassName_readsTheSameAsShortName() {
    Dataset<Row> shortName = spark().read().format("audio").option("pathGlobFilter", "*.wav").load(dir.toString())
        .orderBy("path");
    Dataset<Row> className = spark().read().format(AudioDataSource.class.getName())
        .option("pathGlobFilter", "*.wav").load(dir.toString()).orderBy("path");
    assertSameDataFrame(shortName, className);
  }

  @Test
  void permissive_corruptFileGivesRowWithErrorAndNullSamples() {
    NoodleVisionAccumulators acc = NoodleVisionAccumulators.of(spark());
    long failedBefore = acc.filesFailed();
    double secondsBefore = acc.audioSeconds();
    Map<String, Row> rows = byName(spark().read().format("audio").option("pathGlobFilter", "*.wav")
        .load(dir.toString()));
    assertEquals(failedBefore + 1, acc.filesFailed(), "the named accumulator counts the corrupt file");
    double decodedSeconds = (double) rows.get("a440_22050.wav").getAs("duration_sec")
        + (double) rows.get("stereo_48000.wav").getAs("duration_sec");
    assertEquals(secondsBefore + decodedSeconds, acc.audioSeconds(), 1e-9);
    assertEquals(List.of("a440_22050.wav", "corrupt.wav", "stereo_48000.wav"), List.copyOf(rows.keySet()));
    Row bad = rows.get("corrupt.wav");
    assertNotNull(bad.getAs("error"));
    Assertions.assertFalse(((String) bad.getAs("error")).isBlank());
    assertNull(bad.getAs("samples"));
    assertNull(bad.getAs("sample_rate"));
    assertNull(rows.get("a440_22050.wav").getAs("error"));
  }

  @Test
  void dropMalformed_skipsCorruptFile() {
    Map<String, Row> rows = byName(spark().read().format("audio").option("mode", "DROPMALFORMED")
        .option("pathGlobFilter", "*.wav").load(dir.toString()));
    assertEquals(List.of("a440_22050.wav", "stereo_48000.wav"), List.copyOf(rows.keySet()));
  }

  @Test
  void failFast_jobFailsNamingFileAndReason() {
    Exception e = assertThrows(Exception.class, () -> spark().read().format("audio").option("mode", "FAILFAST")
        .option("pathGlobFilter", "*.wav").load(dir.toString()).collectAsList());
    String message = messages(e);
    Assertions.assertTrue(message.contains("corrupt.wav"), message);
    Assertions.assertTrue(message.contains("Cannot decode audio"), message);
    Assertions.assertTrue(message.contains("mode=FAILFAST"), message);
  }

  @Test
  void recursiveFileLookup_findsNestedFiles() {
    Dataset<Row> flat = spark().read().format("audio").option("pathGlobFilter", "*.wav").load(dir.toString());
    Dataset<Row> deep = spark().read().format("audio").option("pathGlobFilter", "*.wav")
        .option("recursiveFileLookup", "true").load(dir.toString());
    assertEquals(3, flat.count());
    Assertions.assertTrue(byName(deep).containsKey("triad_sine_22050.wav"));
    assertEquals(4, deep.count());
  }

  @Test
  void maxDurationSec_longerClipIsAnError() {
    Map<String, Row> rows = byName(spark().read().format("audio").option("pathGlobFilter", "a440*")
        .option("maxDurationSec", "2.5").load(dir.toString()));
    String error = rows.get("a440_22050.wav").getAs("error");
    assertNotNull(error);
    Assertions.assertTrue(error.contains("maxDurationSec=2.5"), error);
    Row ok = spark().read().format("audio").option("maxDurationSec", "3.0")
        .load(dir.resolve("a440_22050.wav").toString()).first();
    assertNull(ok.getAs("error"));
  }

  /**
   * A file whose samples would be a larger value than the executor builds safely (spark.noodlevision.maxRowBytes,
   * here 1 MiB: espeak_22050.wav has some 278,000 samples, 1.1 MB as floats) is a file that cannot be read, per
   * mode, instead of an OutOfMemoryError in Spark's copy of the row; so is decode_audio over binaryFile's content.
   */
  @Test
  void samplesLargerThanTheRowLimit_areABadFile_perMode(@TempDir Path limited) throws IOException {
    Path audio = ReferenceFiles.dir().resolve("audio");
    Files.copy(audio.resolve("a440_22050.wav"), limited.resolve("a440_22050.wav"));
    Files.copy(audio.resolve("espeak_22050.wav"), limited.resolve("espeak_22050.wav"));
    String key = "spark.noodlevision.maxRowBytes";
    spark().conf().set(key, "1m");
    try {
      Map<String, Row> rows = byName(spark().read().format("audio").load(limited.toString()));
      String error = rows.get("espeak_22050.wav").getAs("error");
      assertNotNull(error);
      Assertions.assertTrue(error.contains("more than 254198 samples") && error.contains(key)
          && error.contains("maxDurationSec"), error);
      assertNull(rows.get("espeak_22050.wav").getAs("samples"));
      assertNull(rows.get("a440_22050.wav").getAs("error"));
      assertEquals(66150, rows.get("a440_22050.wav").<scala.collection.Seq<?>>getAs("samples").size());

      assertEquals(Set.of("a440_22050.wav"), byName(spark().read().format("audio")
          .option("mode", "DROPMALFORMED").load(limited.toString())).keySet());
      Exception failFast = assertThrows(Exception.class, () -> spark().read().format("audio")
          .option("mode", "FAILFAST").load(limited.toString()).collectAsList());
      String message = String.valueOf(failFast.getMessage());
      Assertions.assertTrue(message.contains("espeak_22050.wav") && message.contains(key), message);

      Map<String, Row> decoded = new TreeMap<>();
      for (Row r : spark().read().format("binaryFile").load(limited.toString())
          .selectExpr("path", "nv.decode_audio(content, path) AS audio").collectAsList()) {
        String path = r.getAs("path");
        decoded.put(path.substring(path.lastIndexOf('/') + 1), r.getStruct(1));
      }
      String decodeError = decoded.get("espeak_22050.wav").getAs("error");
      Assertions.assertTrue(decodeError != null && decodeError.contains(key), decodeError);
      assertNull(decoded.get("a440_22050.wav").getAs("error"));
    } finally {
      spark().conf().unset(key);
    }
  }

  @Test
  void badOption_isTypedErrorNamingTheOption() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> spark().read().format("audio").option("mode", "LENIENT").load(dir.toString()).collectAsList());
    assertEquals("mode", e.parameter());
    Assertions.assertTrue(e.getMessage().contains("FAILFAST"), e.getMessage());
  }

  @Test
  void binaryFileContent_decodesLikeTheAudioSource() {
    Dataset<Row> viaBinary = spark().read().format("binaryFile").option("pathGlobFilter", "*.wav")
        .load(dir.toString())
        .select(col("path"), AudioFunctions.decodeAudio(col("content"), col("path")).as("a"))
        .select(col("path"), col("a.format"), col("a.sample_rate"), col("a.channels"), col("a.num_samples"),
            col("a.duration_sec"), col("a.samples"), col("a.error"))
        .filter(col("error").isNull()).orderBy("path");
    Dataset<Row> viaSource = spark().read().format("audio").option("mode", "DROPMALFORMED")
        .option("pathGlobFilter", "*.wav").load(dir.toString()).orderBy("path");
    String[] decoded = {"format", "sample_rate", "channels", "num_samples", "duration_sec", "samples", "error"};
    // binaryFile's path is nullable, ours is not: compare the decoded columns, in path order.
    assertSameDataFrame(viaSource.selectExpr(decoded), viaBinary.selectExpr(decoded));
    Row corrupt = spark().read().format("binaryFile").load(dir.resolve("corrupt.wav").toString())
        .select(AudioFunctions.decodeAudio(col("content"), col("path")).as("a")).select("a.*").first();
    assertNotNull(corrupt.getAs("error"));
    assertNull(corrupt.getAs("samples"));
  }

  @Test
  void severalPaths_readTogether() {
    Map<String, Row> rows = byName(spark().read().format("audio")
        .load(dir.resolve("a440_22050.wav").toString(), dir.resolve("nested").toString()));
    assertEquals(List.of("a440_22050.wav", "triad_sine_22050.wav"), List.copyOf(rows.keySet()));
  }

  @Test
  void manyFiles_spreadOverPartitions() {
    int partitions = spark().read().format("audio").option("pathGlobFilter", "*.wav").load(dir.toString())
        .rdd().getNumPartitions();
    Assertions.assertTrue(partitions >= 2, "3 files on 2 cores give at least 2 partitions, got " + partitions);
  }

  /**
   * 100 one-byte files (planning reads no file): with the source's 64 KiB per file they weigh 6.4 MiB and make one
   * partition per core; with Spark's 4 MiB per file, set in the session, 400 MiB and four partitions of 128 MiB at
   * most; our setting wins over Spark's.
   */
  @Test
  void partitionPlanning_weighsFilesWithTheSourcesOpenCost_orSparksWhenOnlyThatIsSet(@TempDir Path many)
      throws IOException {
    for (int i = 0; i < 100; i++) {
      Files.write(many.resolve(String.format("tiny%03d.wav", i)), new byte[1]);
    }
    String sparks = "spark.sql.files.openCostInBytes";
    String ours = "spark.noodlevision.source.openCostInBytes";
    try {
      assertEquals(2, spark().read().format("audio").load(many.toString()).rdd().getNumPartitions());
      spark().conf().set(sparks, "4m");
      assertEquals(4, spark().read().format("audio").load(many.toString()).rdd().getNumPartitions());
      spark().conf().set(ours, "64k");
      assertEquals(2, spark().read().format("audio").load(many.toString()).rdd().getNumPartitions());
    } finally {
      spark().conf().unset(sparks);
      spark().conf().unset(ours);
    }
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
