package org.noodlevision.spark;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Driver side of {@link NoodleVisionPlugin}: validates every {@code spark.noodlevision.*} setting at start-up (a
 * bad one stops the application), returns them so every executor plugin receives them, registers the
 * {@code cluster.*} gauges and feeds them with the executors' {@link ExecutorStatsReport}s.
 */
final class NoodleVisionDriverPlugin implements DriverPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(NoodleVisionDriverPlugin.class);
  private volatile DriverMetrics metrics;

  @Override
  public Map<String, String> init(SparkContext sc, PluginContext ctx) {
    Map<String, String> all = new java.util.HashMap<>();
    for (Tuple2<String, String> kv : sc.getConf().getAll()) {
      all.put(kv._1(), kv._2());
    }
    NoodleVisionConf conf = NoodleVisionConf.from(all);
    DeploymentCheck.warnIfOutsideContainer(conf, all);
    metrics = new DriverMetrics(ctx.metricRegistry(), conf.get(NoodleVisionConf.METRICS_REPORT_INTERVAL));
    metrics.registerTotals();
    LOG.info("NoodleVision driver plugin started with {}", conf.asMap());
    return conf.asMap();
  }

  @Override
  public Object receive(Object message) {
    if (message instanceof ExecutorStatsReport report && metrics != null) {
      metrics.accept(report);
      return null;
    }
    throw new IllegalArgumentException("NoodleVision driver plugin: unexpected message " + message);
  }

  DriverMetrics metrics() {
    return metrics;
  }
}
