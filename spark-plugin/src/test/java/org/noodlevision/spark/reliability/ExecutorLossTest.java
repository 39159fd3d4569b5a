package org.noodlevision.spark.reliability;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.spark.AudioFunctions;
import scala.Tuple4;

/**
 * Faults in local-cluster[2,1,1024] (two executor JVMs of 512 MiB): the executor running the first attempt of
 * partition 0 of an {@code audio}-source extraction is killed ({@code System.exit}) in the middle of the job; the
 * job still completes with exactly one row per input file (good files with MFCC and chroma, malformed files of the
 * decoder corpus with their error, in PERMISSIVE mode).
 */
class ExecutorLossTest {
  private static final Path CORPUS = Path.of(System.getProperty("basedir", "."), "..", "audio-ops", "src", "test",
      "resources", "malformed").toAbsolutePath().normalize();
  private static final List<String> BAD = List.of("truncated_in_fmt.wav", "zero_channels.wav", "random_bytes.bin",
      "flac_corrupt_frame.flac", "empty.wav");
  private static final int GOOD = 40;
  @TempDir
  static Path dir;
  private static SparkSession spark;
  private static final AtomicInteger EXECUTORS_REMOVED = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    spark = SparkSession.builder().config(ReliabilityCluster.clusterConf("local-cluster[2,1,1024]",
            "noodlevision-executor-loss", "512m")
        .set("spark.noodlevision.memory.cpu.poolSize", "64m")
        // small partitions: many tasks, so the kill lands in the middle of the job
        .set("spark.sql.files.maxPartitionBytes", "48k")
        .set("spark.sql.files.openCostInBytes", "16k")).getOrCreate();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        EXECUTORS_REMOVED.incrementAndGet();
      }
    });
    assertTrue(ReliabilityCluster.eventually(() -> spark.sparkContext().statusTracker().getExecutorInfos().length
        == 3), "two executors registered");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void executorKilledMidExtraction_jobCompletes_withOneRowPerFile() throws Exception {
    assertTrue(Files.isDirectory(CORPUS), CORPUS + " missing");
    Path in = dir.resolve("in");
    TestWavFiles.writeClips(in, GOOD, TestWavFiles.SAMPLE_RATE / 4);
    for (String bad : BAD) {
      Files.copy(CORPUS.resolve(bad), in.resolve(bad));
    }
    int files = GOOD + BAD.size();
    List<Tuple4<String, String, Integer, Integer>> rows = spark.read().format("audio").load(in.toString())
        .select(col("path"), col("error"),
            AudioFunctions.mfcc(col("samples"), col("sample_rate"), Map.of()).as("mfcc"),
            AudioFunctions.chroma(col("samples"), col("sample_rate")).as("chroma"))
        .javaRDD().map((Row r) -> {
          TaskContext task = TaskContext.get();
          if (task.partitionId() == 0 && task.attemptNumber() == 0 && task.stageAttemptNumber() == 0) {
            System.exit(17); // the executor JVM dies in the middle of the job
          }
          return new Tuple4<>(r.getString(0), r.getString(1), r.isNullAt(2) ? -1 : r.getList(2).size(),
              r.isNullAt(3) ? -1 : r.getList(3).size());
        }).collect();

    assertTrue(EXECUTORS_REMOVED.get() >= 1, "an executor was lost during the job");
    assertEquals(files, rows.size(), "exactly one row per input file");
    Map<String, Tuple4<String, String, Integer, Integer>> byName = new HashMap<>();
    for (Tuple4<String, String, Integer, Integer> r : rows) {
      byName.put(Path.of(java.net.URI.create(r._1()).getPath()).getFileName().toString(), r);
    }
    assertEquals(files, byName.size(), "no file twice: " + byName.keySet());
    int frames = 1 + (TestWavFiles.SAMPLE_RATE / 4) / 512;
    for (int i = 0; i < GOOD; i++) {
      Tuple4<String, String, Integer, Integer> r = byName.get(String.format("clip-%05d.wav", i));
      assertNotNull(r, "row of clip " + i);
      assertNull(r._2(), "no error for " + r._1());
      assertEquals(frames, r._3(), "MFCC frames of " + r._1());
      assertEquals(frames, r._4(), "chroma frames of " + r._1());
    }
    for (String bad : BAD) {
      Tuple4<String, String, Integer, Integer> r = byName.get(bad);
      assertNotNull(r, "row of " + bad);
      assertNotNull(r._2(), "error row for " + bad);
      assertTrue(!r._2().isBlank() && r._1().endsWith(bad), "the error row's path names the file: " + r);
    }
  }
}
