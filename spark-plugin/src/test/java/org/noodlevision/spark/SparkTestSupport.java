package org.noodlevision.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkConf;

/** Shared set-up of the Spark tests: configuration, local-cluster prerequisites, HTTP and polling helpers. */
final class SparkTestSupport {
  static final String PLUGIN = NoodleVisionPlugin.class.getName();
  static final String SOURCE = "plugin." + PLUGIN + ".";

  private SparkTestSupport() {
  }

  /** A conf with the plugin enabled, the UI on a free port, quiet and small. */
  static SparkConf pluginConf(String master, String appName) {
    return new SparkConf()
        .setMaster(master)
        .setAppName(appName)
        .set("spark.plugins", PLUGIN)
        .set("spark.ui.enabled", "true")
        .set("spark.ui.port", "0")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.noodlevision.gpu.enabled", "off")
        .set("spark.noodlevision.memory.cpu.poolSize", "64m")
        .set("spark.noodlevision.metrics.reportInterval", "500ms")
        .set("spark.metrics.conf.*.sink.prometheusServlet.class", "org.apache.spark.metrics.sink.PrometheusServlet")
        .set("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus");
  }

  /**
   * local-cluster needs SPARK_HOME (set by surefire) to hold a jars/ folder and the executors need the test
   * classpath and Java 17's module openings.
   */
  static SparkConf localClusterConf(String master, String appName) throws IOException {
    String sparkHome = System.getenv("SPARK_HOME");
    if (sparkHome == null) {
      throw new IllegalStateException("SPARK_HOME is not set: run the Spark tests through Maven (surefire sets it)");
    }
    Files.createDirectories(Path.of(sparkHome, "jars"));
    return pluginConf(master, appName)
        .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .set("spark.executor.extraJavaOptions", System.getProperty("noodlevision.test.jvmOpens", ""))
        .set("spark.executor.memory", "512m")
        .set("spark.task.maxFailures", "4");
  }

  static String httpGet(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(5000);
    c.setReadTimeout(10000);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      c.disconnect();
    }
  }

  /** Waits (not a timing assertion: a bound on waiting for asynchronous reports) until {@code condition} holds. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }

  /** {@link #httpGet} that returns "" on failure, for polling. */
  static String fetch(String url) {
    try {
      return httpGet(url);
    } catch (IOException e) {
      return "";
    }
  }
}
