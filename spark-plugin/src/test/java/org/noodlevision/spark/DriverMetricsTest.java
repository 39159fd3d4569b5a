package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

class DriverMetricsTest {

  private static ExecutorStatsReport report(String id, long sentAt, boolean last, long cpuUsed) {
    return new ExecutorStatsReport(id, sentAt, last, cpuUsed, 1000, cpuUsed, 0, 0, 0, 5, 3, 1, 0, 2, 64, 9, 1);
  }

  private static Object gauge(MetricRegistry r, String name) {
    Gauge<?> g = r.getGauges().get(name);
    assertTrue(g != null, "no gauge " + name + " in " + r.getNames());
    return g.getValue();
  }

  @Test
  void reports_becomePerExecutorGaugesAndTotals() {
    MetricRegistry registry = new MetricRegistry();
    DriverMetrics metrics = new DriverMetrics(registry, 5000);
    metrics.registerTotals();
    long now = System.currentTimeMillis();
    metrics.accept(report("1", now, false, 100));
    metrics.accept(report("2", now, false, 300));

    assertEquals(100L, gauge(registry, "cluster.executor.1.cpuPool.usedBytes"));
    assertEquals(300L, gauge(registry, "cluster.executor.2.cpuPool.usedBytes"));
    assertEquals(400L, gauge(registry, "cluster.total.cpuPool.usedBytes"));
    assertEquals(4L, gauge(registry, "cluster.total.tasks.leakedAllocations"));
    assertEquals(2, gauge(registry, "cluster.executors"));
    assertTrue(registry.getNames().stream().allMatch(n -> n.startsWith("cluster.")), registry.getNames().toString());

    metrics.accept(report("1", now, false, 150));
    assertEquals(150L, gauge(registry, "cluster.executor.1.cpuPool.usedBytes"));
    assertEquals(450L, gauge(registry, "cluster.total.cpuPool.usedBytes"));
  }

  @Test
  void finalAndStaleReports_leaveTheTotals() {
    MetricRegistry registry = new MetricRegistry();
    DriverMetrics metrics = new DriverMetrics(registry, 1000);
    metrics.registerTotals();
    long now = System.currentTimeMillis();
    metrics.accept(report("1", now, false, 100));
    metrics.accept(report("2", now - 10 * 1000, false, 300)); // older than 3 intervals: a lost executor
    metrics.accept(report("3", now, false, 50));
    metrics.accept(report("3", now, true, 0)); // executor 3 shut down
    assertEquals(1, gauge(registry, "cluster.executors"));
    assertEquals(100L, gauge(registry, "cluster.total.cpuPool.usedBytes"));
  }
}
