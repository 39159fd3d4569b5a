package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * {@code extract} reads through the {@code audio} source: literal paths with glob characters, globs, directories
 * keeping only .wav/.flac, header errors handled by the source and decode errors by extract (each counted once in
 * {@code noodlevision.filesFailed}) under every mode, the source's {@code path} column, and inputs on a non-local
 * Hadoop file system. Real local[2] Spark.
 */
class ExtractSourceTest {
  private static final String IMPL_CONF = "spark.hadoop." + NonLocalTestFileSystem.IMPL_KEY + "="
      + NonLocalTestFileSystem.class.getName();
  @TempDir static Path work;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    spark = SparkSession.builder().master("local[2]").appName("ExtractSourceTest")
        .config("spark.ui.enabled", "false")
        .config("spark.hadoop." + NonLocalTestFileSystem.IMPL_KEY, NonLocalTestFileSystem.class.getName())
        .getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  private static Path copy(String bundled, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    return Files.copy(SampleAudio.bundledDir().resolve(bundled), target);
  }

  /** Runs extract to JSON (MFCC only) and returns its rows by file name. */
  private static Map<String, Row> extractJson(Path out, String... inputs) {
    List<String> args = new java.util.ArrayList<>();
    for (String in : inputs) {
      args.add("--input");
      args.add(in);
    }
    args.addAll(List.of("--output", out.toString(), "--format", "json", "--features", "mfcc", "--conf", IMPL_CONF));
    ExtractJobTest.Outcome o = ExtractJobTest.extract(args.toArray(new String[0]));
    assertEquals(0, o.status(), o.err());
    return spark.read().schema(ExtractSchema.schema(List.of(Feature.MFCC))).json(out.toString()).collectAsList()
        .stream().collect(Collectors.toMap(r -> name(r.getString(0)), r -> r));
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Test
  void fileNameWithGlobCharacters_isTakenLiterally_globsMatch_andAGlobMatchingNothingIsAMissingInput()
      throws IOException {
    Path dir = work.resolve("glob");
    Path literal = copy("tone/a440_sine_22050.wav", dir.resolve("take[1].wav"));
    copy("speech/sentence_16000.wav", dir.resolve("take1.wav"));

    Map<String, Row> rows = extractJson(work.resolve("glob-literal"), literal.toString());
    assertEquals(Set.of("take[1].wav"), rows.keySet());
    Row row = rows.get("take[1].wav");
    assertEquals("file:" + literal, row.getString(0), "the path column is the file's URI");
    assertEquals(22050, row.<Integer>getAs("sample_rate"));
    assertNull(row.getAs("error"));

    assertEquals(Set.of("take1.wav"), extractJson(work.resolve("glob-match"), dir + "/take?.wav").keySet(),
        "a path that does not exist is a glob");

    ExtractJobTest.Outcome missing = ExtractJobTest.extract("--input", dir + "/none*.wav", "--output",
        work.resolve("glob-none").toString());
    assertEquals(2, missing.status(), missing.err());
    assertTrue(missing.err().contains("'--input'") && missing.err().contains("existing"), missing.err());
  }

  @Test
  void directory_readsOnlyWavAndFlac_aNonAudioFileNamedExplicitlyGetsItsErrorRow() throws IOException {
    Path dir = work.resolve("mixed-names");
    copy("tone/a440_sine_22050.wav", dir.resolve("A.WAV"));
    copy("chord/c_major_pluck_22050.flac", dir.resolve("sub/b.Flac"));
    Files.writeString(dir.resolve("notes.txt"), "not audio");
    Files.writeString(dir.resolve("sub/cover.jpg"), "not audio either");
    Files.writeString(dir.resolve(".hidden.wav"), "hidden, skipped");
    Files.createDirectories(dir.resolve("_tmp"));
    Files.writeString(dir.resolve("_tmp/partial.wav"), "in a hidden directory, skipped");

    Map<String, Row> rows = extractJson(work.resolve("names-dir"), dir.toString());
    assertEquals(Set.of("A.WAV", "b.Flac"), rows.keySet());
    rows.values().forEach(r -> assertNull(r.getAs("error"), r.getString(0)));

    Map<String, Row> named = extractJson(work.resolve("names-file"), dir.resolve("notes.txt").toString());
    assertEquals(Set.of("notes.txt"), named.keySet());
    assertFalse(named.get("notes.txt").<String>getAs("error").isBlank());
    assertNull(named.get("notes.txt").getAs("mfcc"));

    Path noAudio = Files.createDirectories(work.resolve("no-audio"));
    Files.writeString(noAudio.resolve("readme.md"), "nothing to hear");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", noAudio.toString(), "--output",
        work.resolve("names-none").toString());
    assertEquals(2, o.status(), o.err());
    assertTrue(o.err().contains("'--input'") && o.err().contains(".wav or .flac"), o.err());
  }

  @Test
  void goodAndBadFiles_eachMode_countEveryFailureOnce_andPathsAreTheSourcesPaths() throws IOException {
    Path dir = work.resolve("good-bad");
    copy("tone/a440_sine_22050.wav", dir.resolve("good.wav"));
    Path flac = copy("chord/c_major_pluck_22050.flac", dir.resolve("good.flac"));
    Files.write(dir.resolve("broken.wav"), "RIFF\u0010\u0000\u0000\u0000WAVEjunk".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1)); // a header error: the source's
    byte[] corrupt = Files.readAllBytes(flac); // a frame error past a sound header: extract's
    for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
      corrupt[i] ^= 0x5A;
    }
    Files.write(dir.resolve("corrupt.flac"), corrupt);
    Row corruptHeader = spark.read().format("audio").option("samples", "false")
        .load(dir.resolve("corrupt.flac").toString()).first();
    assertNull(corruptHeader.getAs("error"), "corrupt.flac's header reads: its failure comes after the scan");

    for (ExtractMode mode : ExtractMode.values()) {
      Path out = work.resolve("good-bad-" + mode);
      ExtractOptions options = ExtractArguments.parse(new String[] {"--input", dir.toString(), "--output",
          out.toString(), "--format", "json", "--features", "mfcc", "--mode", mode.name()});
      FeatureExtraction.Plan plan = FeatureExtraction.plan(options);
      long failedBefore = NoodleVisionAccumulators.of(spark).filesFailed();
      if (mode == ExtractMode.FAILFAST) {
        Exception e = assertThrows(Exception.class, () -> FeatureExtraction.run(options, plan, spark));
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
          reason.append(t.getMessage()).append('\n');
        }
        assertTrue(reason.indexOf("FAILFAST") >= 0
            && (reason.indexOf("broken.wav") >= 0 || reason.indexOf("corrupt.flac") >= 0), reason.toString());
        continue;
      }
      FeatureExtraction.Summary s = FeatureExtraction.run(options, plan, spark);
      assertEquals(2, NoodleVisionAccumulators.of(spark).filesFailed() - failedBefore, mode + ": filesFailed");
      assertEquals(2, s.failed(), mode + ": failed");
      assertEquals(4, s.files(), mode + ": files");
      Dataset<Row> written = spark.read().schema(ExtractSchema.schema(List.of(Feature.MFCC))).json(out.toString());
      assertEquals(mode == ExtractMode.PERMISSIVE ? 4 : 2, s.rowsWritten(), mode + ": rows");
      assertEquals(s.rowsWritten(), written.count(), mode + ": rows in the output");
      assertEquals(mode == ExtractMode.PERMISSIVE ? 2 : 0, written.filter("error IS NOT NULL").count(), mode.name());
      if (mode == ExtractMode.PERMISSIVE) {
        Set<String> sourcePaths = new HashSet<>(spark.read().format("audio").load(dir.toString()).select("path")
            .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        Set<String> extractPaths = new HashSet<>(written.select("path").as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList());
        assertEquals(sourcePaths, extractPaths, "extract's path column is the audio source's");
      }
    }
  }

  @Test
  void inputsOnAnotherHadoopFileSystem_areListedAndDecodedThroughIt() throws IOException {
    Path dir = work.resolve("remote");
    copy("tone/a440_sine_22050.wav", dir.resolve("tone.wav"));
    copy("chord/c_major_pluck_22050.flac", dir.resolve("chord.flac"));
    Map<String, Row> remote = extractJson(work.resolve("remote-out"), NonLocalTestFileSystem.uri(dir));
    Map<String, Row> local = extractJson(work.resolve("local-out"), dir.toString());
    assertEquals(Set.of("tone.wav", "chord.flac"), remote.keySet());
    for (Map.Entry<String, Row> e : remote.entrySet()) {
      Row r = e.getValue();
      assertTrue(r.getString(0).startsWith("nvtest:/"), r.getString(0));
      assertNull(r.getAs("error"), e.getKey());
      Row l = local.get(e.getKey());
      assertEquals(l.<Long>getAs("num_samples"), r.<Long>getAs("num_samples"), e.getKey());
      assertEquals(l.<Object>getAs("mfcc"), r.<Object>getAs("mfcc"), e.getKey());
    }
  }
}
