package org.noodlevision.spark.compute;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.gpu.GpuBackend;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.ReferenceFiles;
import org.noodlevision.spark.metrics.GpuComputeCounters;

/**
 * {@code spark.noodlevision.backend} on the column and SQL paths, in a real local Spark session. Without a GPU
 * (CI): a session-level {@code gpu} reaches the tasks and fails them naming the setting; a bad value names it too;
 * {@code auto} computes on the CPU. With a GPU (the GPU machine): the reference files through the {@code audio}
 * source and the column and SQL functions give the same DataFrame with the GPU on as with it off, within
 * librosa's tolerances, and also meet librosa's reference arrays; the {@code gpu.clips} metric counts the clips.
 * On the GPU machine: {@code spark-plugin/src/test/device/spark-gpu-run.sh}.
 */
class GpuBackendSparkTest {
  private static final String KEY = "spark.noodlevision.backend";
  private static final String[] FEATURES =
      {"spectrogram", "mel_spectrogram", "log_mel_spectrogram", "mfcc", "chroma"};
  /** The reference arrays (expected/STEM/NAME.npy) of each computed column. */
  private static final Map<String, String> LIBROSA_NAMES = Map.of("spectrogram", "stft_mag", "mel_spectrogram", "mel",
      "log_mel_spectrogram", "mel_db", "mfcc", "mfcc20", "chroma", "chroma_tuning_est", "sql_mfcc13", "mfcc13");
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("GpuBackendSparkTest")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalog.nv", "org.noodlevision.spark.sql.AudioFunctionCatalog")
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.conf().unset(KEY);
      spark.stop();
    }
  }

  @Test
  void gpuWithoutGpuFailsTheTaskNamingTheSetting() {
    assumeFalse(GpuBackend.probe().available(), "this machine has a GPU");
    spark.conf().set(KEY, "gpu");
    try {
      for (boolean inTasks : new boolean[] {false, true}) {
        Exception e = assertThrows(Exception.class, () -> mfccOfSine(inTasks).collectAsList());
        String chain = messages(e);
        assertTrue(chain.contains(KEY + "=gpu") && chain.contains("no usable GPU"), chain);
        assertEquals(inTasks, chain.contains("Task"), "computed in a task: " + inTasks + "; " + chain);
      }
    } finally {
      spark.conf().unset(KEY);
    }
  }

  @Test
  void badBackendValueNamesTheSettingAndTheChoices() {
    spark.conf().set(KEY, "tpu");
    try {
      Exception e = assertThrows(Exception.class, () -> mfccOfSine(true).collectAsList());
      String chain = messages(e);
      assertTrue(chain.contains(KEY) && chain.contains("tpu") && chain.contains("auto"), chain);
    } finally {
      spark.conf().unset(KEY);
    }
  }

  /**
   * The reference files through the audio source, the features struct and SQL's nv.mfcc: with the GPU ({@code gpu})
   * where one exists, else with {@code auto} (which must then stay on the CPU), against {@code cpu}.
   */
  @Test
  void gpuOnGivesTheSameDataFrameAsGpuOff() {
    boolean hasGpu = GpuBackend.probe().available();
    String backend = hasGpu ? "gpu" : "auto";
    String audio = ReferenceFiles.dir().resolve("audio").toString();
    Map<String, Map<String, float[][]>> cpu = featuresBy("cpu", audio);
    long before = GpuComputeCounters.gpuClips();
    Map<String, Map<String, float[][]>> other = featuresBy(backend, audio);
    long gpuClips = GpuComputeCounters.gpuClips() - before;
    assertEquals(cpu.keySet(), other.keySet());
    assertTrue(cpu.size() >= 10, "reference files read: " + cpu.keySet());
    // features (one struct) and nv.mfcc (SQL) per file on the GPU; none without one
    assertEquals(hasGpu ? 2L * cpu.size() : 0L, gpuClips, "clips counted in gpu.clips");
    int checks = 0;
    for (String stem : cpu.keySet()) {
      for (Map.Entry<String, float[][]> e : cpu.get(stem).entrySet()) {
        String name = e.getKey();
        float[][] g = other.get(stem).get(name);
        assertClose(stem + "/" + name, e.getValue(), g, tolerance(name));
        ReferenceFiles.assertMatches(stem, LIBROSA_NAMES.get(name), g, tolerance(name));
        checks++;
      }
    }
    System.out.println("GpuBackendSparkTest: backend=" + backend + " (" + GpuBackend.probe() + "): " + cpu.size()
        + " files, " + checks + " checks against backend=cpu through the audio source, the column and SQL "
        + "functions, all within librosa's tolerances (also against librosa's arrays); " + gpuClips
        + " clips on the GPU");
  }

  /** Every feature of every reference file, computed with the backend set for the session. */
  private static Map<String, Map<String, float[][]>> featuresBy(String backend, String audioDir) {
    spark.conf().set(KEY, backend);
    try {
      Dataset<Row> audio = spark.read().format("audio").load(audioDir).where(col("error").isNull());
      audio.createOrReplaceTempView("ref_audio");
      Dataset<Row> feats = audio.select(col("path"),
          AudioFunctions.features(col("samples"), col("sample_rate"), FEATURES, Map.of()).as("f"));
      Map<String, Map<String, float[][]>> out = new HashMap<>();
      for (Row r : feats.select(col("path"), col("f.*")).collectAsList()) {
        Map<String, float[][]> m = new HashMap<>();
        for (String name : FEATURES) {
          m.put(name, ReferenceFiles.matrix(r, name));
        }
        out.put(ReferenceFiles.stem(r.getString(0)), m);
      }
      for (Row r : spark.sql("SELECT path, nv.mfcc(samples, sample_rate, 13) AS m FROM ref_audio").collectAsList()) {
        out.get(ReferenceFiles.stem(r.getString(0))).put("sql_mfcc13", ReferenceFiles.matrix(r, "m"));
      }
      return out;
    } finally {
      spark.conf().unset(KEY);
    }
  }

  private static ReferenceFiles.Tolerance tolerance(String name) {
    switch (name) {
      case "spectrogram":
      case "mel_spectrogram":
        return ReferenceFiles.Tolerance.RELATIVE_1E5;
      case "log_mel_spectrogram":
      case "mel_db":
        return ReferenceFiles.Tolerance.ABSOLUTE_2E3_DB;
      default:
        return ReferenceFiles.Tolerance.RELATIVE_2E5;
    }
  }

  /** GPU equals CPU within librosa's tolerance, the CPU array taking the reference's place. */
  private static void assertClose(String what, float[][] cpu, float[][] gpu, ReferenceFiles.Tolerance tolerance) {
    assertEquals(cpu.length, gpu.length, what + ": frames");
    double maxRef = 0;
    double maxDiff = 0;
    for (int t = 0; t < cpu.length; t++) {
      assertEquals(cpu[t].length, gpu[t].length, what + ": bins of frame " + t);
      for (int b = 0; b < cpu[t].length; b++) {
        maxRef = Math.max(maxRef, Math.abs(cpu[t][b]));
        maxDiff = Math.max(maxDiff, Math.abs(cpu[t][b] - gpu[t][b]));
      }
    }
    double bound = tolerance == ReferenceFiles.Tolerance.ABSOLUTE_2E3_DB ? 2e-3
        : (tolerance == ReferenceFiles.Tolerance.RELATIVE_1E5 ? 1e-5 : 2e-5) * maxRef;
    assertTrue(maxDiff <= bound, what + ": GPU vs CPU max abs diff " + maxDiff + " > " + bound);
  }

  /**
   * MFCC (13) of one second of a 440 Hz sine, through the column function: in a task when {@code inTasks}, else
   * on the driver (Spark folds a projection of local rows while optimising).
   */
  private static Dataset<Row> mfccOfSine(boolean inTasks) {
    float[] x = new float[22050];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) Math.sin(2 * Math.PI * 440 * i / 22050.0);
    }
    List<Row> rows = new ArrayList<>();
    rows.add(org.apache.spark.sql.RowFactory.create(x, 22050));
    org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
        .add("samples", org.apache.spark.sql.types.DataTypes.createArrayType(
            org.apache.spark.sql.types.DataTypes.FloatType, false))
        .add("sample_rate", org.apache.spark.sql.types.DataTypes.IntegerType);
    Dataset<Row> input = spark.createDataFrame(rows, schema);
    return (inTasks ? input.repartition(1) : input).select(AudioFunctions.mfcc(col("samples"), col("sample_rate"), 13));
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append(" | ");
    }
    return sb.toString();
  }
}
