package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.io.NpyReader;
import org.noodlevision.examples.ExtractJob;
import org.noodlevision.gpu.GpuBackend;

/**
 * {@code extract --format json} on every librosa 0.11 reference file meets issue 2's tolerances against librosa's
 * arrays (transposed: our output is time-major): spectrogram and mel within 1e-5 of librosa's maximum, log-mel within
 * 2e-3 dB, MFCC and chroma within 2e-5 of librosa's maximum.
 */
class ExtractParityTest {
  @TempDir static Path work;
  static Path reference;
  static SparkSession spark;

  @BeforeAll
  static void setUp() {
    String dir = System.getProperty("noodlevision.reference.dir");
    assumeTrue(dir != null && Files.isDirectory(Paths.get(dir, "expected")),
        "librosa reference data not found: set -Dnoodlevision.reference.dir to shared/reference/librosa-0.11.0");
    reference = Paths.get(dir);
    spark = SparkSession.builder().master("local[2]").appName("ExtractParityTest")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void defaults_matchLibrosa_forEveryReferenceFile() throws IOException {
    Map<String, JsonNode> rows = extract("defaults", "--input", reference.resolve("audio").toString());
    assertEquals(countWavs(), rows.size());
    for (Map.Entry<String, JsonNode> e : rows.entrySet()) {
      String stem = e.getKey();
      JsonNode row = e.getValue();
      assertTrue(row.path("error").isMissingNode() || row.get("error").isNull(), stem + ": " + row.get("error"));
      assertClose(stem, "stft_mag", row.get("spectrogram"), Tolerance.relative(1e-5));
      assertClose(stem, "mel", row.get("mel_spectrogram"), Tolerance.relative(1e-5));
      assertClose(stem, "mel_db", row.get("log_mel_spectrogram"), Tolerance.absolute(2e-3));
      assertClose(stem, "mfcc20", row.get("mfcc"), Tolerance.relative(2e-5));
      assertClose(stem, "chroma_tuning_est", row.get("chroma"), Tolerance.relative(2e-5));
    }
  }

  @Test
  void mfcc13_andTuningZero_matchLibrosa_forEveryReferenceFile() throws IOException {
    Map<String, JsonNode> rows = extract("mfcc13", "--input", reference.resolve("audio").toString(),
        "--features", "mfcc,chroma", "--n-mfcc", "13", "--tuning", "0");
    assertEquals(countWavs(), rows.size());
    for (Map.Entry<String, JsonNode> e : rows.entrySet()) {
      assertClose(e.getKey(), "mfcc13", e.getValue().get("mfcc"), Tolerance.relative(2e-5));
      assertClose(e.getKey(), "chroma_tuning0", e.getValue().get("chroma"), Tolerance.relative(2e-5));
    }
  }

  @Test
  void speechParameterSet16k_matchesLibrosa() throws IOException {
    Map<String, JsonNode> rows = extract("g16k", "--input", reference.resolve("audio/espeak_16000.wav").toString(),
        "--features", "spectrogram,mel_spectrogram,log_mel_spectrogram,mfcc", "--n-fft", "512", "--hop-length",
        "160", "--win-length", "400", "--n-mels", "40", "--n-mfcc", "13");
    JsonNode row = rows.get("espeak_16000");
    assertNotNull(row);
    assertClose("espeak_16000", "g16k_stft_mag", row.get("spectrogram"), Tolerance.relative(1e-5));
    assertClose("espeak_16000", "g16k_mel", row.get("mel_spectrogram"), Tolerance.relative(1e-5));
    assertClose("espeak_16000", "g16k_mel_db", row.get("log_mel_spectrogram"), Tolerance.absolute(2e-3));
    assertClose("espeak_16000", "g16k_mfcc13", row.get("mfcc"), Tolerance.relative(2e-5));
  }

  /**
   * The Spark path with the GPU on gives the same rows as with it off: {@code --conf spark.noodlevision.backend=gpu}
   * where a GPU exists (the GPU machine; {@code auto}, which then stays on the CPU, elsewhere) against {@code cpu},
   * every feature within librosa's tolerance of the CPU's output and of librosa's arrays.
   */
  @Test
  void defaults_onTheGpuBackend_equalTheCpuBackend_andLibrosa() throws IOException {
    String backend = GpuBackend.probe().available() ? "gpu" : "auto";
    String audio = reference.resolve("audio").toString();
    Map<String, JsonNode> other = extract("backend-" + backend, "--input", audio,
        "--conf", "spark.noodlevision.backend=" + backend);
    Map<String, JsonNode> cpu = extract("backend-cpu", "--input", audio, "--conf", "spark.noodlevision.backend=cpu");
    assertEquals(countWavs(), cpu.size());
    assertEquals(cpu.keySet(), other.keySet());
    String[][] columns = {{"spectrogram", "stft_mag"}, {"mel_spectrogram", "mel"}, {"log_mel_spectrogram", "mel_db"},
        {"mfcc", "mfcc20"}, {"chroma", "chroma_tuning_est"}};
    Tolerance[] tolerances = {Tolerance.relative(1e-5), Tolerance.relative(1e-5), Tolerance.absolute(2e-3),
        Tolerance.relative(2e-5), Tolerance.relative(2e-5)};
    for (String stem : cpu.keySet()) {
      for (int c = 0; c < columns.length; c++) {
        JsonNode mine = other.get(stem).get(columns[c][0]);
        assertClose(stem, columns[c][1], mine, tolerances[c]);
        assertSame(stem + "/" + columns[c][0] + " (" + backend + " vs cpu)", cpu.get(stem).get(columns[c][0]), mine,
            tolerances[c]);
      }
    }
    System.out.println("ExtractParityTest: backend=" + backend + " (" + GpuBackend.probe() + "): " + cpu.size()
        + " files x " + columns.length + " features within librosa's tolerances of backend=cpu and of librosa");
  }

  /** {@code actual} equals {@code expected} (both [frame][bin] JSON) within {@code tol}, relative to expected's max. */
  private static void assertSame(String what, JsonNode expected, JsonNode actual, Tolerance tol) {
    assertEquals(expected.size(), actual.size(), what + ": frames");
    double maxRef = 0;
    double worst = 0;
    for (int t = 0; t < expected.size(); t++) {
      assertEquals(expected.get(t).size(), actual.get(t).size(), what + ": bins of frame " + t);
      for (int b = 0; b < expected.get(t).size(); b++) {
        double e = expected.get(t).get(b).asDouble();
        maxRef = Math.max(maxRef, Math.abs(e));
        worst = Math.max(worst, Math.abs(actual.get(t).get(b).asDouble() - e));
      }
    }
    double bound = tol.relative() ? tol.value() * maxRef : tol.value();
    assertTrue(worst <= bound, what + ": max abs diff " + worst + " exceeds " + bound);
  }

  /** A bound on the max abs difference: absolute, or relative to librosa's max abs value. */
  record Tolerance(double value, boolean relative) {
    static Tolerance relative(double v) {
      return new Tolerance(v, true);
    }

    static Tolerance absolute(double v) {
      return new Tolerance(v, false);
    }
  }

  /** Runs extract with JSON output and returns the rows by file stem. */
  private static Map<String, JsonNode> extract(String name, String... args) throws IOException {
    Path out = work.resolve(name);
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--output", out.toString(), "--format", "json", "--master", "local[2]"));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ExtractJob.run(all.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> rows = new HashMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
        for (String line : Files.readAllLines(part)) {
          JsonNode row = json.readTree(line);
          String file = Paths.get(row.get("path").asText()).getFileName().toString();
          rows.put(file.substring(0, file.lastIndexOf('.')), row);
        }
      }
    }
    return rows;
  }

  private static long countWavs() throws IOException {
    try (Stream<Path> s = Files.list(reference.resolve("audio"))) {
      return s.filter(p -> p.toString().endsWith(".wav")).count();
    }
  }

  /** Compares our [frame][bin] JSON array with librosa's (bin, frame) array. */
  private static void assertClose(String stem, String expectedName, JsonNode actual, Tolerance tol) {
    Path npy = reference.resolve("expected").resolve(stem).resolve(expectedName + ".npy");
    NpyReader.NpyArray want = NpyReader.read(npy);
    String what = stem + "/" + expectedName;
    assertNotNull(actual, what + ": column missing");
    int bins = want.rows();
    int frames = want.cols();
    assertEquals(frames, actual.size(), what + ": frames");
    double maxRef = 0;
    for (double v : want.values()) {
      maxRef = Math.max(maxRef, Math.abs(v));
    }
    double bound = tol.relative() ? tol.value() * maxRef : tol.value();
    double worst = 0;
    for (int t = 0; t < frames; t++) {
      JsonNode frame = actual.get(t);
      assertEquals(bins, frame.size(), what + ": bins of frame " + t);
      for (int b = 0; b < bins; b++) {
        worst = Math.max(worst, Math.abs(frame.get(b).asDouble() - want.get(b, t)));
      }
    }
    assertTrue(worst <= bound, what + ": max abs diff " + worst + " exceeds " + bound);
  }
}
