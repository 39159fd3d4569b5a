package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.examples.ExtractJob;
import scala.collection.Seq;

/**
 * Runs the main job as its command line does ({@link ExtractJob#run}) on the bundled sample audio plus one broken
 * file, on a real local[2] Spark, and reads back what it wrote.
 */
class ExtractJobTest {
  @TempDir static Path work;
  static Path audioDir;
  static List<Path> audioFiles;
  static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    audioDir = Files.createDirectories(work.resolve("audio"));
    audioFiles = SampleAudio.copyWithBrokenFile(audioDir);
    spark = SparkSession.builder().master("local[2]").appName("ExtractJobTest")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  record Outcome(int status, String out, String err) {}

  static Outcome extract(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ExtractJob.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void json_permissive_writesOneRowPerFile_withErrorRowForBrokenFile() {
    Path out = work.resolve("json-permissive");
    Outcome o = extract("--input", audioDir.toString(), "--output", out.toString(), "--format", "json",
        "--features", "mfcc,chroma", "--n-mfcc", "13", "--master", "local[2]");
    assertEquals(0, o.status(), o.err());
    List<Feature> features = List.of(Feature.MFCC, Feature.CHROMA);
    Dataset<Row> df = spark.read().schema(ExtractSchema.schema(features)).json(out.toString());
    Map<String, Row> byName = df.collectAsList().stream()
        .collect(Collectors.toMap(r -> Path.of(r.getString(0)).getFileName().toString(), r -> r));
    assertEquals(audioFiles.size(), byName.size());

    Row broken = byName.get(SampleAudio.BROKEN);
    assertNotNull(broken.getAs("error"), "the broken file has a reason in 'error'");
    assertFalse(broken.<String>getAs("error").isBlank());
    assertNull(broken.getAs("mfcc"));
    assertNull(broken.getAs("sample_rate"));

    Row tone = byName.get("a440_sine_22050.wav");
    assertNull(tone.getAs("error"));
    assertEquals(22050, tone.<Integer>getAs("sample_rate"));
    assertEquals(1, tone.<Integer>getAs("channels"));
    assertEquals(44100L, tone.<Long>getAs("num_samples"));
    assertEquals(2.0, tone.<Double>getAs("duration_sec"), 1e-12);
    Seq<Seq<Object>> mfcc = tone.getAs("mfcc");
    assertEquals(1 + 44100 / 512, mfcc.size(), "frames = 1 + n / hop");
    assertEquals(13, mfcc.apply(0).size());
    assertEquals(12, tone.<Seq<Seq<Object>>>getAs("chroma").apply(0).size());

    Row stereo = byName.get("a_minor_square_44100_stereo.wav");
    assertEquals(2, stereo.<Integer>getAs("channels"));
    assertEquals(44100, stereo.<Integer>getAs("sample_rate"));
    assertTrue(o.out().contains("1 with errors"), o.out());
  }

  @Test
  void parquet_defaults_haveTheDocumentedColumns_andTheEngineValues() throws IOException {
    Path out = work.resolve("parquet-defaults");
    Outcome o = extract("--input", audioDir.resolve("tone").toString(), "--input",
        audioDir.resolve("chord").toString(), "--output", out.toString());
    assertEquals(0, o.status(), o.err());
    assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    Dataset<Row> df = spark.read().parquet(out.toString());
    List<String> names = Arrays.stream(df.schema().fields()).map(StructField::name).toList();
    assertEquals(List.of("path", "sample_rate", "channels", "num_samples", "duration_sec", "error", "spectrogram",
        "mel_spectrogram", "log_mel_spectrogram", "mfcc", "chroma"), names);
    for (String f : names.subList(6, names.size())) {
      assertEquals("array<array<float>>", df.schema().apply(f).dataType().simpleString(), f);
    }
    assertEquals(4, df.count());
    assertEquals(0, df.filter("error IS NOT NULL").count());

    // the job's values are the engine's, bit for bit, after the trip through Spark and Parquet
    Path flac = audioDir.resolve("chord/c_major_pluck_22050.flac");
    Row row = df.filter(df.col("path").equalTo("file:" + flac.toAbsolutePath().normalize())).first();
    DecodedAudio audio = AudioDecoders.decode(flac);
    // the same feature set as the job (the engine may round differently for other subsets)
    try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(),
        EnumSet.copyOf(ExtractOptions.DEFAULT_FEATURES))) {
      FeatureResult expected = p.compute(audio.samples(), audio.sampleRate());
      float[][] want = expected.get(Feature.LOG_MEL_SPECTROGRAM).toArray();
      Seq<Seq<Object>> got = row.getAs("log_mel_spectrogram");
      assertEquals(want.length, got.size());
      for (int t = 0; t < want.length; t++) {
        float[] g = new float[got.apply(t).size()];
        for (int b = 0; b < g.length; b++) {
          g[b] = (Float) got.apply(t).apply(b);
        }
        assertArrayEquals(want[t], g, "frame " + t);
      }
    }
  }

  @Test
  void dropMalformed_skipsTheBrokenFile() {
    Path out = work.resolve("drop");
    Outcome o = extract("--input", audioDir.toString(), "--output", out.toString(), "--features", "mfcc",
        "--mode", "DROPMALFORMED");
    assertEquals(0, o.status(), o.err());
    Dataset<Row> df = spark.read().parquet(out.toString());
    assertEquals(audioFiles.size() - 1, df.count());
    assertEquals(0, df.filter("error IS NOT NULL").count());
  }

  @Test
  void failFast_failsWithOneLineNamingTheBrokenFile() {
    Path out = work.resolve("failfast");
    Outcome o = extract("--input", audioDir.toString(), "--output", out.toString(), "--features", "mfcc",
        "--mode", "failfast");
    assertEquals(1, o.status());
    String line = o.err().strip();
    assertFalse(line.contains("\n"), "one line: " + line);
    assertTrue(line.contains(audioDir.resolve(SampleAudio.BROKEN).toString()), line);
    assertTrue(line.contains("FAILFAST"), line);
  }

  @Test
  void badFlags_exit2_withOneLineNamingTheFlagAndWhatIsAllowed() {
    String in = audioDir.toString();
    String out = work.resolve("never").toString();
    assertBadFlag(extract("--input", in, "--output", out, "--format", "xml"), "--format", "parquet, json");
    assertBadFlag(extract("--input", in, "--output", out, "--features", "mfcc,loudness"), "--features", "chroma");
    assertBadFlag(extract("--input", in, "--output", out, "--mode", "LENIENT"), "--mode", "FAILFAST");
    assertBadFlag(extract("--input", in, "--output", out, "--n-fft", "many"), "--n-fft", "integer");
    assertBadFlag(extract("--input", in, "--output", out, "--win-length", "4096"), "--win-length", "n_fft");
    assertBadFlag(extract("--input", in, "--output", out, "--tuning", "0.7"), "--tuning", "[-0.5, 0.5)");
    assertBadFlag(extract("--input", in, "--output", out, "--conf", "novalue"), "--conf", "KEY=VALUE");
    assertBadFlag(extract("--input", in, "--output", out, "--colour", "red"), "--colour", "--features");
    assertBadFlag(extract("--output", out), "--input", "one or more");
    assertBadFlag(extract("--input", in), "--output", "directory");
    assertBadFlag(extract("--input", work.resolve("missing").toString(), "--output", out), "--input", "existing");
    assertFalse(Files.exists(Path.of(out)), "nothing written on a bad command line");
  }

  @Test
  void existingOutput_isRefusedUnlessOverwrite() throws IOException {
    Path out = Files.createDirectories(work.resolve("existing"));
    Files.writeString(out.resolve("keep.txt"), "user data");
    String in = audioDir.resolve("tone").toString();
    assertBadFlag(extract("--input", in, "--output", out.toString()), "--output", "--overwrite");
    assertTrue(Files.exists(out.resolve("keep.txt")));
    Outcome o = extract("--input", in, "--output", out.toString(), "--overwrite", "--features", "chroma");
    assertEquals(0, o.status(), o.err());
    assertEquals(2, spark.read().parquet(out.toString()).count());
  }

  @Test
  void help_exit0_listsEveryFlag() {
    Outcome o = extract("--help");
    assertEquals(0, o.status());
    for (String flag : List.of("--input", "--output", "--format", "--features", "--n-fft", "--hop-length",
        "--win-length", "--n-mels", "--n-mfcc", "--tuning", "--mode", "--master", "--conf")) {
      assertTrue(o.out().contains(flag), flag);
    }
  }

  private static void assertBadFlag(Outcome o, String flag, String allowedFragment) {
    assertEquals(2, o.status(), o.out() + o.err());
    String line = o.err().strip();
    assertFalse(line.contains("\n"), "one line: " + line);
    assertTrue(line.contains("'" + flag + "'"), "names " + flag + ": " + line);
    assertTrue(line.contains(allowedFragment), "says what is allowed (" + allowedFragment + "): " + line);
  }
}
