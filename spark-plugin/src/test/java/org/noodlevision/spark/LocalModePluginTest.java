package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noodlevision.spark.SparkTestSupport.SOURCE;
import static org.noodlevision.spark.SparkTestSupport.eventually;
import static org.apache.spark.sql.functions.col;
import static org.noodlevision.spark.SparkTestSupport.fetch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.memory.DType;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryEventListener;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;
import org.noodlevision.spark.metrics.FeatureTimer;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/** The plugin in local[2]: executor and driver plugins share the driver's JVM and metrics system. */
class LocalModePluginTest {
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static int initsBefore;
  private static String ui;

  @BeforeAll
  static void start() {
    initsBefore = NoodleVisionExecutor.pluginInits();
    spark = SparkSession.builder().config(SparkTestSupport.pluginConf("local[2]", "noodlevision-local")).getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ui = spark.sparkContext().uiWebUrl().get();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    assertTrue(!NoodleVisionExecutor.pluginActive(), "executor plugin detached at shutdown");
  }

  @Test
  void tasksUseTheExecutorsOneManager() {
    List<Integer> managers = jsc.parallelize(Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8), 4).map(i -> {
      assertTrue(NoodleVisionExecutor.pluginActive());
      return System.identityHashCode(NoodleVisionExecutor.memoryManager());
    }).collect();
    Set<Integer> distinct = new HashSet<>(managers);
    assertEquals(1, distinct.size(), "one MemoryManager per executor");
    assertEquals(System.identityHashCode(NoodleVisionExecutor.memoryManager()), distinct.iterator().next());
    assertEquals(1, NoodleVisionExecutor.pluginInits() - initsBefore, "one executor plugin init");
  }

  @Test
  void throwingTask_leavesNoAllocationBehind() throws Exception {
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    long liveBefore = manager.getStatistics().liveTensors();
    SparkException failure = assertThrows(SparkException.class, () ->
        jsc.parallelize(Arrays.asList(1, 2), 2).foreach(i -> {
          MemoryManager m = NoodleVisionExecutor.memoryManager();
          Tensor t = m.allocateTensorOrThrow(new long[] {1024, 16}, DType.FLOAT32, false);
          t.setFloat(0, i);
          m.allocateTensorOrThrow(new long[] {4096}, DType.FLOAT64, false);
          throw new IllegalStateException("task " + i + " fails holding two tensors");
        }));
    assertTrue(failure.getMessage().contains("fails holding two tensors"), failure.getMessage());
    assertTrue(eventually(() -> manager.getStatistics().liveTensors() == liveBefore),
        "tensors of failed tasks are freed; live now " + manager.getStatistics().liveTensors());
    String json = fetch(ui + "/metrics/json");
    assertTrue(eventually(() -> leakedAllocations(fetch(ui + "/metrics/json")) >= 2),
        "leaks counted in tasks.leakedAllocations: " + json);
  }

  @Test
  void executorAndDriverGauges_areServedByTheUi() throws Exception {
    jsc.parallelize(Arrays.asList(1, 2, 3, 4), 2).foreach(i -> FeatureTimer.time(() -> {
      try (Tensor t = NoodleVisionExecutor.memoryManager()
          .allocateTensorOrThrow(new long[] {2048}, DType.FLOAT32, false)) {
        return t.byteSize();
      }
    }));
    String[] executorMetrics = {"cpuPool.usedBytes", "cpuPool.maxBytes", "cpuPool.usagePercent", "cpuPool.peakBytes",
        "gpuPool.usedBytes", "gpuPool.maxBytes", "gpuPool.usagePercent", "gpuPool.peakBytes", "allocations.count",
        "cache.hits", "cache.misses", "cache.efficiency", "cache.evictions", "system.availableMemoryBytes",
        "process.rssBytes", "tasks.leakedAllocations", "tasks.leakedBytes", "tasks.finished", "featureComputation"};
    assertTrue(eventually(() -> fetch(ui + "/metrics/json").contains(SOURCE + "cluster.executor.driver.cpuPool.usedBytes")),
        "driver gauge per executor appears after the first report");
    String json = SparkTestSupport.httpGet(ui + "/metrics/json");
    for (String m : executorMetrics) {
      // local mode starts the executor before the app id exists: its source has no "<app id>.driver." prefix
      assertTrue(json.contains("\"" + SOURCE + m + "\""), m + " missing from /metrics/json");
    }
    for (String m : List.of("cluster.executors", "cluster.total.cpuPool.usedBytes", "cluster.total.allocations",
        "cluster.executor.driver.plugin.inits")) {
      assertTrue(json.contains("\"" + driverPrefix() + SOURCE + m + "\""), m + " missing from /metrics/json");
    }
    assertTrue(featureTimerCount(json) >= 4, "featureComputation timer counted the 4 computations");
    assertTrue(allocations(json) >= 4, "allocations.count counted the 4 tensors");
    String prometheus = SparkTestSupport.httpGet(ui + "/metrics/prometheus");
    assertTrue(prometheus.contains("cluster_total_cpuPool_usedBytes"), "driver gauges in /metrics/prometheus");
    assertTrue(prometheus.contains("cpuPool_peakBytes"), "executor gauges in /metrics/prometheus");
  }

  @Test
  void namedAccumulators_showInTheRestApi() throws Exception {
    NoodleVisionAccumulators acc = NoodleVisionAccumulators.of(spark);
    jsc.parallelize(Arrays.asList(1, 2, 3, 4, 5), 2).foreach(i -> {
      acc.addFrames(10);
      acc.addAudioSeconds(0.5);
      acc.addGpuTimeNanos(2_000_000);
      if (i == 3) {
        acc.addFileFailed();
      }
    });
    assertEquals(50, acc.framesComputed());
    assertEquals(2.5, acc.audioSeconds(), 1e-9);
    assertEquals(1, acc.filesFailed());
    assertEquals(10.0, acc.gpuTimeMs(), 1e-9);
    String stagesUrl = ui + "/api/v1/applications/" + spark.sparkContext().applicationId() + "/stages";
    assertTrue(eventually(() -> fetch(stagesUrl).contains(NoodleVisionAccumulators.FRAMES_COMPUTED)),
        "accumulator on the stages REST API");
    String stages = SparkTestSupport.httpGet(stagesUrl).replaceAll("\\s", "");
    for (String name : List.of(NoodleVisionAccumulators.FRAMES_COMPUTED, NoodleVisionAccumulators.AUDIO_SECONDS,
        NoodleVisionAccumulators.FILES_FAILED, NoodleVisionAccumulators.GPU_TIME_MS)) {
      assertTrue(stages.contains("\"name\":\"" + name + "\""), name + " missing: " + stages);
    }
    assertTrue(stages.contains("\"name\":\"" + NoodleVisionAccumulators.FRAMES_COMPUTED + "\",\"value\":\"50\""),
        stages);
  }

  @Test
  void featureColumns_computeThroughTheExecutorsPool_withoutTaskLeaks() throws Exception {
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    AtomicLong leaked = new AtomicLong();
    MemoryEventListener leakCounter = new MemoryEventListener() {
      @Override
      public void onLeak(LeakReport report) {
        leaked.addAndGet(report.count());
      }
    };
    int sr = 22050;
    float[] clip = new float[sr * 10];
    for (int i = 0; i < clip.length; i++) {
      clip[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440.0 * i / sr) + 0.1 * Math.sin(2 * Math.PI * 3100.0 * i / sr));
    }
    StructType schema = new StructType().add("samples", DataTypes.createArrayType(DataTypes.FloatType))
        .add("sample_rate", DataTypes.IntegerType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      rows.add(RowFactory.create(clip, sr));
    }
    manager.cleanup();
    MemoryStatistics before = manager.getStatistics();
    manager.addListener(leakCounter);
    List<Row> out;
    try {
      out = spark.createDataFrame(rows, schema).repartition(2)
          .select(AudioFunctions.mfcc(col("samples"), col("sample_rate"), 20).as("mfcc")).collectAsList();
    } finally {
      manager.removeListener(leakCounter);
    }
    MemoryStatistics after = manager.getStatistics();
    assertEquals(6, out.size());
    // 431 frames: MFCC (431 x 20) and the log-mel rows kept for it (431 x 128) staged in the pool, per row
    assertTrue(after.allocationsCount() - before.allocationsCount() >= 6,
        "pool allocations by the feature computations: " + (after.allocationsCount() - before.allocationsCount()));
    assertTrue(after.cpuStats().peakUsage() >= 431L * 128 * 4,
        "CPU pool peak reflects the staged log-mel rows: " + after.cpuStats().peakUsage());
    assertTrue(after.cpuStats().totalAllocated() > before.cpuStats().totalAllocated()
        || after.cacheStats().hits() > before.cacheStats().hits(), "the CPU pool or its recycler served them");
    assertEquals(0, leaked.get(), "no task left feature memory behind");
    assertTrue(eventually(() -> manager.getStatistics().liveBytes() == before.liveBytes()),
        "live bytes back to baseline " + before.liveBytes() + ": " + manager.getStatistics().liveBytes());
    manager.cleanup();
    assertEquals(before.cpuPool().currentUsage(), manager.getStatistics().cpuPool().currentUsage(),
        "CPU pool usage back to baseline after cleanup");
    float[] expected = new FeaturePipeline(FeatureParams.builder().nMfcc(20).build(), EnumSet.of(Feature.MFCC))
        .compute(clip, sr).get(Feature.MFCC).data();
    scala.collection.Seq<scala.collection.Seq<Object>> first = out.get(0).getAs("mfcc");
    assertEquals(431, first.size(), "frames");
    for (int t = 0; t < first.size(); t++) {
      for (int k = 0; k < 20; k++) {
        assertEquals(expected[t * 20 + k], ((Number) first.apply(t).apply(k)).floatValue(), 0f,
            "frame " + t + " coefficient " + k);
      }
    }
  }

  private static String driverPrefix() {
    return spark.sparkContext().applicationId() + ".driver.";
  }

  private static long leakedAllocations(String json) {
    return gaugeValue(json, SOURCE + "tasks.leakedAllocations");
  }

  private static long allocations(String json) {
    return gaugeValue(json, SOURCE + "allocations.count");
  }

  private static long gaugeValue(String json, String name) {
    Matcher m = Pattern.compile(Pattern.quote(name) + "\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*(\\d+)").matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static long featureTimerCount(String json) {
    Matcher m = Pattern.compile(Pattern.quote(SOURCE + "featureComputation") + "\"\\s*:\\s*\\{\\s*\"count\"\\s*:\\s*(\\d+)")
        .matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }
}
