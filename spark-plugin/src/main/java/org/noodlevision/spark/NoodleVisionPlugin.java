package org.noodlevision.spark;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * The NoodleVision Spark plugin. Enable it with
 * {@code --conf spark.plugins=org.noodlevision.spark.NoodleVisionPlugin} and the shaded spark-plugin jar.
 *
 * <ul>
 *   <li>{@link NoodleVisionDriverPlugin}: validates the {@code spark.noodlevision.*} settings, hands them to the
 *       executors, and turns the executors' pool reports into driver gauges.</li>
 *   <li>{@link NoodleVisionExecutorPlugin}: one MemoryManager per executor ({@link NoodleVisionExecutor}),
 *       executor metrics, per-task allocation tracking, and a leak report at shutdown.</li>
 * </ul>
 *
 * Settings: docs/configuration.md; metrics: docs/metrics.md; deployment: docs/plugin.md.
 */
public final class NoodleVisionPlugin implements SparkPlugin {
  @Override
  public DriverPlugin driverPlugin() {
    return new NoodleVisionDriverPlugin();
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new NoodleVisionExecutorPlugin();
  }
}
