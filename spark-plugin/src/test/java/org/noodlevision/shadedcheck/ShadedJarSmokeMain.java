package org.noodlevision.shadedcheck;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.SystemMemoryMonitor;
import org.noodlevision.memory.Tensor;
import org.noodlevision.spark.NoodleVisionExecutor;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * Run by {@code ShadedJarIT} in a JVM whose classpath holds Spark's jars, the shaded spark-plugin jar and this class
 * only: the plugin starts on a local-cluster executor that gets the shaded jar through {@code spark.jars}, tasks
 * compute through the executor's manager, relocated OSHI works, and the driver's gauges show the executor.
 * Arguments: shaded jar, jar of this class, executor classpath (Spark's jars). Prints SHADED-JAR-OK on success.
 */
public final class ShadedJarSmokeMain {
  private ShadedJarSmokeMain() {
  }

  public static void main(String[] args) throws Exception {
    SparkConf conf = new SparkConf().setMaster("local-cluster[1,1,1024]").setAppName("noodlevision-shaded-jar")
        .set("spark.plugins", "org.noodlevision.spark.NoodleVisionPlugin")
        .set("spark.jars", args[0] + "," + args[1])
        .set("spark.executor.extraClassPath", args[2])
        .set("spark.executor.extraJavaOptions", args[3])
        .set("spark.executor.memory", "512m")
        .set("spark.ui.enabled", "true").set("spark.ui.port", "0")
        .set("spark.noodlevision.memory.cpu.poolSize", "32m")
        .set("spark.noodlevision.metrics.reportInterval", "500ms");
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      NoodleVisionAccumulators acc = NoodleVisionAccumulators.of(spark);
      List<String> results = jsc.parallelize(IntStream.range(0, 4).boxed().toList(), 4).map(i -> {
        check(NoodleVisionExecutor.pluginActive(), "executor plugin active");
        check(!classExists("oshi.SystemInfo"), "OSHI must be relocated, yet oshi.SystemInfo is visible");
        check(classExists("org.noodlevision.shaded.oshi.SystemInfo"), "relocated OSHI present");
        check(new SystemMemoryMonitor().getMemoryInfo().processRss() > 0, "process RSS read through OSHI");
        try (Tensor t = NoodleVisionExecutor.memoryManager()
            .allocateTensorOrThrow(new long[] {1000}, DType.FLOAT32, false)) {
          t.setFloat(999, i);
          acc.addFrames(1000);
          return "ok " + t.getFloat(999);
        }
      }).collect();
      check(results.size() == 4 && results.stream().allMatch(r -> r.startsWith("ok")), "tasks: " + results);
      check(acc.framesComputed() == 4000, "accumulator: " + acc.framesComputed());
      String metrics = "";
      for (int tries = 0; tries < 100 && !metrics.contains("cluster.executor.0.plugin.inits\":{\"value\":1}"); tries++) {
        Thread.sleep(200);
        metrics = get(spark.sparkContext().uiWebUrl().get() + "/metrics/json").replaceAll("\\s", "");
      }
      check(metrics.contains("cluster.executor.0.plugin.inits\":{\"value\":1}"), "driver gauges: " + metrics);
      System.out.println("SHADED-JAR-OK");
    } finally {
      spark.stop();
    }
  }

  private static boolean classExists(String name) {
    try {
      Class.forName(name, false, Thread.currentThread().getContextClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("shaded jar check failed: " + what);
    }
  }

  private static String get(String url) throws Exception {
    try (InputStream in = URI.create(url).toURL().openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
