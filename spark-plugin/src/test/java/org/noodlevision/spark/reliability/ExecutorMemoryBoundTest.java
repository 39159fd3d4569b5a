package org.noodlevision.spark.reliability;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.NoodleVisionExecutor;
import scala.Tuple2;

/**
 * An executor with a 512 MiB heap and a 256 MiB CPU pool (local-cluster, one executor JVM started with
 * {@code -XX:+ExitOnOutOfMemoryError}, so an OutOfMemoryError would remove it) processes a long WAV and a directory
 * of short clips (MFCC and chroma with estimated tuning) without losing the executor, with one correct row per file.
 *
 * <p>The long WAV goes through the streaming pipeline (re-opened for the second pass); through the {@code audio}
 * source, whose rows hold samples, 20 minutes fit and longer clips are refused by {@code maxDurationSec}.
 *
 * <p>CI: 20 minutes of audio and 10 000 clips of 0.1 s; {@code -Preliability}: 3 hours (system properties
 * {@code noodlevision.longAudio.minutes}, {@code noodlevision.reliability.clips}).
 */
class ExecutorMemoryBoundTest {
  private static final long POOL_BYTES = 256L << 20;
  private static final int CLIP_SAMPLES = 2205;
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static final AtomicInteger EXECUTORS_REMOVED = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().config(ReliabilityCluster.clusterConf("local-cluster[1,1,1024]",
            "noodlevision-memory-bound", "512m")
        .set("spark.noodlevision.memory.cpu.poolSize", "256m")).getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        EXECUTORS_REMOVED.incrementAndGet();
      }
    });
    assertTrue(ReliabilityCluster.eventually(() -> spark.sparkContext().statusTracker().getExecutorInfos().length
        == 2), "one executor registered");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void longWav_onA512MiBExecutor() throws Exception {
    long minutes = Long.getLong("noodlevision.longAudio.minutes", 20);
    long samples = minutes * 60 * TestWavFiles.SAMPLE_RATE;
    Path wav = TestWavFiles.writeLong(dir.resolve("long.wav"), samples);
    String file = wav.toString();
    List<String> rows = jsc.parallelize(List.of(file), 1).map(f -> {
      try (FeaturePipeline p = ClipFeatures.pipeline()) {
        return ClipFeatures.compute(p, NoodleVisionExecutor.memoryManager(), Path.of(f)) + ","
            + Runtime.getRuntime().maxMemory();
      }
    }).collect();
    Files.delete(wav);
    String[] r = rows.get(0).split(",");
    long frames = 1 + samples / FeatureParams.defaults().hopLength();
    assertEquals(String.valueOf(frames), r[0], "frames of " + minutes + " min: " + rows);
    assertEquals("20", r[1]);
    assertEquals("12", r[2]);
    assertEquals("1", r[3], "outputs (" + (frames * 32 * 4 >> 20) + " MiB) staged in the 256 MiB pool");
    assertTrue(Long.parseLong(r[5]) <= 512L << 20, "executor heap is at most 512 MiB: " + r[5]);
    assertEquals(0, EXECUTORS_REMOVED.get(), "the executor survived (no OutOfMemoryError)");
    assertPoolWithinCap();
    System.out.println("[memory-bound] long wav minutes=" + minutes + " row=" + rows.get(0));
  }

  @Test
  void directoryOfShortClips_onA512MiBExecutor() throws Exception {
    int count = Integer.getInteger("noodlevision.reliability.clips", 10_000);
    List<Path> files = TestWavFiles.writeClips(dir.resolve("clips"), count, CLIP_SAMPLES);
    List<String> paths = new ArrayList<>();
    files.forEach(f -> paths.add(f.toString()));
    List<Tuple2<String, String>> rows = jsc.parallelize(paths, 8).mapPartitions((Iterator<String> it) -> {
      MemoryManager manager = NoodleVisionExecutor.memoryManager();
      List<Tuple2<String, String>> out = new ArrayList<>();
      try (FeaturePipeline p = ClipFeatures.pipeline()) {
        while (it.hasNext()) {
          String f = it.next();
          out.add(new Tuple2<>(f, ClipFeatures.compute(p, manager, Path.of(f))));
        }
      }
      return out.iterator();
    }).collect();
    assertEquals(count, rows.size());
    Set<String> distinct = new HashSet<>();
    long frames = 1 + CLIP_SAMPLES / FeatureParams.defaults().hopLength();
    for (Tuple2<String, String> row : rows) {
      distinct.add(row._1());
      assertTrue(row._2().startsWith(frames + ",20,12,1,"), row.toString());
    }
    assertEquals(count, distinct.size(), "one row per file");
    assertEquals(0, EXECUTORS_REMOVED.get(), "the executor survived (no OutOfMemoryError)");
    assertPoolWithinCap();
    System.out.println("[memory-bound] clips=" + count);
  }

  /**
   * The {@code audio} source holds a clip's samples in a row (4 bytes per sample). 20 minutes (106 MB of samples)
   * exceed the executor's default row limit (a tenth of its 512 MiB heap, one task slot): an error row naming the
   * setting. With the limit raised to 128m they fit the executor and its features are computed; 3 hours (952 MB)
   * do not, which is what the limit and {@code maxDurationSec} (next test) are for.
   */
  @Test
  void twentyMinuteWav_throughTheAudioSource() throws Exception {
    long samples = 20L * 60 * TestWavFiles.SAMPLE_RATE;
    Path wav = TestWavFiles.writeLong(dir.resolve("source-20min.wav"), samples);
    Row refused = spark.read().format("audio").load(wav.toString()).select(col("error"), col("samples")).first();
    assertTrue(refused.getString(0).contains("spark.noodlevision.maxRowBytes") && refused.isNullAt(1),
        "refused by the default limit: " + refused);
    List<Row> rows;
    spark.conf().set("spark.noodlevision.maxRowBytes", "128m");
    try {
      rows = spark.read().format("audio").load(wav.toString())
          .select(col("error"), size(AudioFunctions.mfcc(col("samples"), col("sample_rate"), Map.of())),
              size(AudioFunctions.chroma(col("samples"), col("sample_rate")))).collectAsList();
    } finally {
      spark.conf().unset("spark.noodlevision.maxRowBytes");
    }
    Files.delete(wav);
    long frames = 1 + samples / FeatureParams.defaults().hopLength();
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).isNullAt(0), "decoded: " + rows);
    assertEquals(frames, rows.get(0).getInt(1), "MFCC frames");
    assertEquals(frames, rows.get(0).getInt(2), "chroma frames");
    assertEquals(0, EXECUTORS_REMOVED.get(), "the executor survived (no OutOfMemoryError)");
  }

  /** A clip longer than {@code maxDurationSec} is refused before its samples are held: an error row, no OOM. */
  @Test
  void longWav_throughTheAudioSource_isRefusedByMaxDurationSec() throws Exception {
    long minutes = Long.getLong("noodlevision.longAudio.minutes", 20);
    Path wav = TestWavFiles.writeLong(dir.resolve("source-long.wav"), minutes * 60 * TestWavFiles.SAMPLE_RATE);
    double limit = minutes * 60 / 2.0;
    List<Row> rows = spark.read().format("audio").option("maxDurationSec", String.valueOf(limit))
        .load(wav.toString()).select(col("path"), col("error"), col("samples")).collectAsList();
    Files.delete(wav);
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).getString(1).contains("maxDurationSec"), "error row names the option: " + rows);
    assertTrue(rows.get(0).isNullAt(2), "no samples held");
    assertEquals(0, EXECUTORS_REMOVED.get(), "the executor survived");
  }

  private static void assertPoolWithinCap() {
    List<String> stats = jsc.parallelize(List.of(1), 1).map(i -> {
      MemoryStatistics s = NoodleVisionExecutor.memoryManager().getStatistics();
      return s.cpuPool().maxSize() + "," + s.cpuStats().toMap().get("peak_usage") + "," + s.liveTensors() + ","
          + SparkEnv.get().executorId();
    }).collect();
    String[] s = stats.get(0).split(",");
    assertEquals(POOL_BYTES, Long.parseLong(s[0]), "executor CPU pool is 256 MiB");
    assertTrue(Long.parseLong(s[1]) <= POOL_BYTES, "pool peak within its cap: " + stats);
    assertEquals("0", s[2], "no tensor left live");
  }
}
