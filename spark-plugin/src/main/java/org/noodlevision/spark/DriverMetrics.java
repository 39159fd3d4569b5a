package org.noodlevision.spark;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * Driver gauges built from the executors' {@link ExecutorStatsReport}s: {@code cluster.executor.<id>.<metric>} per
 * executor and {@code cluster.total.<metric>} over the live executors. All names start with {@code cluster.},
 * which no executor metric does (a name clash in one registry would silently drop a metric in local mode, where
 * both registries share the driver's metrics system). docs/metrics.md lists them.
 */
final class DriverMetrics {
  /** A report older than this many report intervals counts as from a lost executor. */
  static final int STALE_INTERVALS = 3;

  private static final Map<String, ToLongFunction<ExecutorStatsReport>> PER_EXECUTOR = new java.util.LinkedHashMap<>();

  static {
    PER_EXECUTOR.put("cpuPool.usedBytes", ExecutorStatsReport::cpuUsedBytes);
    PER_EXECUTOR.put("cpuPool.maxBytes", ExecutorStatsReport::cpuMaxBytes);
    PER_EXECUTOR.put("cpuPool.peakBytes", ExecutorStatsReport::cpuPeakBytes);
    PER_EXECUTOR.put("gpuPool.usedBytes", ExecutorStatsReport::gpuUsedBytes);
    PER_EXECUTOR.put("gpuPool.maxBytes", ExecutorStatsReport::gpuMaxBytes);
    PER_EXECUTOR.put("gpuPool.peakBytes", ExecutorStatsReport::gpuPeakBytes);
    PER_EXECUTOR.put("allocations", ExecutorStatsReport::allocations);
    PER_EXECUTOR.put("cache.hits", ExecutorStatsReport::cacheHits);
    PER_EXECUTOR.put("cache.misses", ExecutorStatsReport::cacheMisses);
    PER_EXECUTOR.put("cache.evictions", ExecutorStatsReport::cacheEvictions);
    PER_EXECUTOR.put("tasks.leakedAllocations", ExecutorStatsReport::leakedAllocations);
    PER_EXECUTOR.put("tasks.leakedBytes", ExecutorStatsReport::leakedBytes);
    PER_EXECUTOR.put("tasks.finished", ExecutorStatsReport::tasksFinished);
    PER_EXECUTOR.put("plugin.inits", ExecutorStatsReport::pluginInits);
  }

  private final MetricRegistry registry;
  private final long staleAfterMillis;
  private final Map<String, ExecutorStatsReport> latest = new ConcurrentHashMap<>();

  DriverMetrics(MetricRegistry registry, long reportIntervalMillis) {
    this.registry = registry;
    this.staleAfterMillis = STALE_INTERVALS * reportIntervalMillis;
  }

  /** Registers the totals; per-executor gauges appear with each executor's first report. */
  void registerTotals() {
    registry.register("cluster.executors", (Gauge<Integer>) () -> live().size());
    PER_EXECUTOR.forEach((name, field) -> registry.register("cluster.total." + name,
        (Gauge<Long>) () -> live().values().stream().mapToLong(field).sum()));
  }

  void accept(ExecutorStatsReport report) {
    if (report.lastReport()) {
      latest.remove(report.executorId());
      return;
    }
    if (latest.put(report.executorId(), report) == null) {
      String id = report.executorId();
      PER_EXECUTOR.forEach((name, field) -> {
        String full = "cluster.executor." + id + "." + name;
        if (!registry.getGauges().containsKey(full)) {
          registry.register(full, (Gauge<Long>) () -> {
            ExecutorStatsReport r = latest.get(id);
            return r == null ? 0L : field.applyAsLong(r);
          });
        }
      });
    }
  }

  Map<String, ExecutorStatsReport> live() {
    long now = System.currentTimeMillis();
    Map<String, ExecutorStatsReport> live = new java.util.TreeMap<>();
    latest.forEach((id, r) -> {
      if (now - r.sentAtMillis() <= staleAfterMillis) {
        live.put(id, r);
      }
    });
    return live;
  }

  static Iterable<String> metricNames() {
    return PER_EXECUTOR.keySet();
  }
}
