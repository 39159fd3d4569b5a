package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.noodlevision.spark.SparkTestSupport.SOURCE;
import static org.noodlevision.spark.SparkTestSupport.eventually;
import static org.noodlevision.spark.SparkTestSupport.fetch;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.Tensor;
import scala.Tuple2;

/**
 * The plugin in local-cluster[2,1,1024]: two executor JVMs, so executor metrics reach only executor sinks (CSV
 * here) and the driver sees the executors only through their reports.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterPluginTest {
  private static final Path METRICS_PROPERTIES =
      Path.of(System.getProperty("basedir", "."), "..", "conf", "metrics.properties").toAbsolutePath().normalize();
  /**
   * The executors' CSV metrics sink writes here once a second from their own processes, which may still write a file
   * while they shut down after {@code spark.stop()}: so not a JUnit {@code @TempDir} (whose deletion then fails the
   * class), but a directory removed best-effort at the end.
   */
  static Path csvDir;
  private static SparkSession spark;
  private static JavaSparkContext jsc;
  private static String ui;
  private static final AtomicInteger EXECUTORS_REMOVED = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    csvDir = Files.createTempDirectory("noodlevision-csv-metrics");
    assertTrue(Files.isRegularFile(METRICS_PROPERTIES), METRICS_PROPERTIES + " missing");
    spark = SparkSession.builder().config(SparkTestSupport.localClusterConf("local-cluster[2,1,1024]",
            "noodlevision-local-cluster")
        // the repository's example metrics configuration, with the CSV sink redirected and made faster
        .set("spark.metrics.conf", METRICS_PROPERTIES.toString())
        .remove("spark.metrics.conf.*.sink.prometheusServlet.class")
        .remove("spark.metrics.conf.*.sink.prometheusServlet.path")
        .set("spark.metrics.conf.*.sink.csv.period", "1")
        .set("spark.metrics.conf.*.sink.csv.directory", csvDir.toString()))
        .getOrCreate();
    jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    ui = spark.sparkContext().uiWebUrl().get();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        EXECUTORS_REMOVED.incrementAndGet();
      }
    });
    assertTrue(eventually(() -> spark.sparkContext().statusTracker().getExecutorInfos().length == 3),
        "two executors registered");
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (csvDir != null) {
      try (java.util.stream.Stream<Path> files = Files.walk(csvDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        // best effort: an executor still shutting down may have written a last file
      }
    }
  }

  @Test
  @Order(1)
  void eachExecutor_initialisesThePluginOnce_andHasOneManager() throws Exception {
    List<Tuple2<String, String>> seen = jsc.parallelize(IntStream.range(0, 8).boxed().toList(), 8).map(i -> {
      Thread.sleep(100);
      try (Tensor t = NoodleVisionExecutor.memoryManager()
          .allocateTensorOrThrow(new long[] {4096}, DType.FLOAT32, false)) {
        t.setFloat(0, i);
      }
      return new Tuple2<>(SparkEnv.get().executorId(), NoodleVisionExecutor.pluginActive() + "/"
          + NoodleVisionExecutor.pluginInits() + "/" + System.identityHashCode(NoodleVisionExecutor.memoryManager()));
    }).collect();
    Map<String, List<String>> byExecutor = seen.stream().collect(Collectors.groupingBy(Tuple2::_1,
        Collectors.mapping(Tuple2::_2, Collectors.toList())));
    assertEquals(2, byExecutor.size(), "both executors ran tasks: " + byExecutor);
    byExecutor.forEach((executor, states) -> {
      assertEquals(1, states.stream().distinct().count(), "one manager on executor " + executor + ": " + states);
      assertTrue(states.get(0).startsWith("true/1/"), "plugin active, one init on executor " + executor);
    });
    for (String executor : byExecutor.keySet()) {
      String gauge = SOURCE + "cluster.executor." + executor + ".plugin.inits";
      assertTrue(eventually(() -> fetch(ui + "/metrics/json").replaceAll("\\s", "")
          .contains(gauge + "\":{\"value\":1}")), gauge + " = 1 on the driver");
    }
  }

  @Test
  @Order(2)
  void executorMetrics_reachTheCsvSink_perExecutor() throws Exception {
    String app = spark.sparkContext().applicationId();
    for (String executor : List.of("0", "1")) {
      for (String metric : List.of("cpuPool.usedBytes", "cpuPool.peakBytes", "allocations.count", "cache.efficiency",
          "process.rssBytes", "featureComputation")) {
        File csv = csvDir.resolve(app + "." + executor + "." + SOURCE + metric + ".csv").toFile();
        assertTrue(eventually(csv::isFile), csv + " written; dir has "
            + Arrays.toString(csvDir.toFile().list((d, n) -> n.contains("NoodleVision"))));
      }
    }
    Path peak = csvDir.resolve(app + ".0." + SOURCE + "cpuPool.peakBytes.csv");
    assertTrue(eventually(() -> lastValue(peak) >= 4096 * 4), "peak of executor 0 covers a 16 KiB tensor");
  }

  @Test
  @Order(3)
  void driverGauges_coverBothExecutors() throws Exception {
    String total = SOURCE + "cluster.total.cpuPool.maxBytes\":{\"value\":" + (2L * (64L << 20)) + "}";
    assertTrue(eventually(() -> fetch(ui + "/metrics/json").replaceAll("\\s", "").contains(total)),
        "total CPU pool max of two 64m executors on the driver");
    String json = SparkTestSupport.httpGet(ui + "/metrics/json").replaceAll("\\s", "");
    assertTrue(json.contains(SOURCE + "cluster.executors\":{\"value\":2}"), json);
    assertTrue(!json.contains(SOURCE + "cpuPool.usedBytes\""), "executor gauges never reach the driver in a cluster");
    String prometheus = SparkTestSupport.httpGet(ui + "/metrics/prometheus");
    assertTrue(prometheus.contains("cluster_executor_1_allocations"), prometheus);
    assertTrue(java.lang.management.ManagementFactory.getPlatformMBeanServer()
        .queryNames(new javax.management.ObjectName("metrics:name=*cluster.total.cpuPool.usedBytes,*"), null).size() == 1,
        "conf/metrics.properties' JMX sink publishes the driver gauges");
  }

  @Test
  @Order(4)
  void executorKilledMidJob_jobStillCompletes() throws Exception {
    int removedBefore = EXECUTORS_REMOVED.get();
    List<Integer> squares = jsc.parallelize(IntStream.range(0, 6).boxed().toList(), 6).map(i -> {
      TaskContext task = TaskContext.get();
      if ("1".equals(SparkEnv.get().executorId()) && task.attemptNumber() == 0 && task.stageAttemptNumber() == 0) {
        System.exit(17); // the executor JVM dies in the middle of the job
      }
      Thread.sleep(300);
      return i * i;
    }).collect();
    assertEquals(List.of(0, 1, 4, 9, 16, 25), squares);
    assertTrue(eventually(() -> EXECUTORS_REMOVED.get() > removedBefore), "executor 1 was lost during the job");
  }

  private static long lastValue(Path csv) {
    try {
      List<String> lines = Files.readAllLines(csv);
      String last = lines.get(lines.size() - 1);
      return (long) Double.parseDouble(last.substring(last.indexOf(',') + 1).trim());
    } catch (Exception e) {
      return -1;
    }
  }
}
