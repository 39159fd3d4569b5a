package org.noodlevision.spark.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkConf;
import org.noodlevision.spark.NoodleVisionPlugin;

/** Spark configuration of the reliability tests (the plugin test harness's settings, reused). */
final class ReliabilityCluster {
  private ReliabilityCluster() {
  }

  /** local or local-cluster with the plugin, no UI, GPU off. */
  static SparkConf conf(String master, String appName) {
    return new SparkConf()
        .setMaster(master)
        .setAppName(appName)
        .set("spark.plugins", NoodleVisionPlugin.class.getName())
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.noodlevision.gpu.enabled", "off");
  }

  /**
   * local-cluster: SPARK_HOME (set by surefire) needs a jars/ folder; executors get the test classpath and Java 17's
   * module openings.
   */
  static SparkConf clusterConf(String master, String appName, String executorMemory) throws IOException {
    String sparkHome = System.getenv("SPARK_HOME");
    if (sparkHome == null) {
      throw new IllegalStateException("SPARK_HOME is not set: run the Spark tests through Maven (surefire sets it)");
    }
    Files.createDirectories(Path.of(sparkHome, "jars"));
    return conf(master, appName)
        .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
        .set("spark.executor.extraJavaOptions", System.getProperty("noodlevision.test.jvmOpens", "")
            + " -XX:+ExitOnOutOfMemoryError")
        .set("spark.executor.memory", executorMemory)
        .set("spark.task.maxFailures", "4");
  }

  /** Waits (a bound on waiting for asynchronous events, not a timing assertion) until {@code condition} holds. */
  static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }
}
