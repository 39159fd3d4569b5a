package org.noodlevision.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;
import org.noodlevision.spark.NoodleVisionExecutor;

/**
 * A task that fails in the middle of its partition, holding pool memory for the rows it has produced, leaves the
 * executor's pool at its baseline: no live tensor, no live byte, pool usage equal to what the recycling cache
 * keeps (local[2]: the executor's manager is in this JVM). The same pool then serves a job that succeeds.
 */
class TaskFailureMemoryTest {
  private static final long POOL_BYTES = 16L << 20;
  private static SparkSession spark;
  private static JavaSparkContext jsc;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().config(ReliabilityCluster.conf("local[2]", "noodlevision-task-failure")
        .set("spark.noodlevision.memory.cpu.poolSize", String.valueOf(POOL_BYTES))).getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void taskFailingMidPartition_returnsThePoolToItsBaseline() throws Exception {
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    MemoryStatistics before = manager.getStatistics();
    assertEquals(0, before.liveTensors());
    byte[] clip = TestWavFiles.wav(TestWavFiles.pcmSecond(5));

    SparkException failure = assertThrows(SparkException.class, () ->
        jsc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 2).mapPartitions(it -> {
          List<Integer> rows = produceRows(it, clip, 3);
          return rows.iterator();
        }).collect());
    assertTrue(failure.getMessage().contains("fails after 3 rows"), failure.getMessage());
    assertTrue(ReliabilityCluster.eventually(() -> {
      MemoryStatistics s = manager.getStatistics();
      return s.liveTensors() == 0 && s.liveBytes() == 0
          && s.cpuPool().currentUsage() == s.cacheStats().bytes();
    }), "pool back to baseline after the failure: " + manager.getStatistics().toMap());
    MemoryStatistics after = manager.getStatistics();
    assertTrue(after.cpuStats().toMap().get("peak_usage") instanceof Long peak && peak <= POOL_BYTES);
    assertTrue(after.cpuStats().toMap().get("peak_usage") instanceof Long peak && peak > 0,
        "the failing tasks did hold pool memory");

    List<Integer> ok = jsc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), 2).mapPartitions(it ->
        produceRows(it, clip, Integer.MAX_VALUE).iterator()).collect();
    assertEquals(8, ok.size(), "the pool serves the next job");
    assertTrue(ReliabilityCluster.eventually(() -> manager.getStatistics().liveTensors() == 0));
  }

  /**
   * Computes MFCC of {@code clip} per element, keeping every row's output staged in the pool until the partition
   * ends (as a writer batching rows would); throws after {@code failAfter} rows.
   */
  private static List<Integer> produceRows(java.util.Iterator<Integer> it, byte[] clip, int failAfter) {
    MemoryManager m = NoodleVisionExecutor.memoryManager();
    List<Tensor> staged = new ArrayList<>();
    List<Integer> rows = new ArrayList<>();
    try (FeaturePipeline p = ClipFeatures.pipeline()) {
      while (it.hasNext()) {
        int i = it.next();
        if (rows.size() == failAfter) {
          throw new IllegalStateException("task " + TaskContext.get().taskAttemptId() + " fails after " + failAfter
              + " rows, holding " + staged.size() + " staged outputs");
        }
        DecodedAudio a = AudioDecoders.decode(clip, "clip-" + i);
        FeatureResult r = p.compute(a.samples(), a.sampleRate());
        float[] mfcc = r.get(Feature.MFCC).data();
        Tensor t = m.allocateTensorWaiting(new long[] {mfcc.length}, DType.FLOAT32, false, 5, TimeUnit.SECONDS)
            .orElseThrow();
        t.copyFrom(mfcc);
        staged.add(t);
        rows.add(i);
      }
    }
    staged.forEach(Tensor::close);
    return rows;
  }
}
