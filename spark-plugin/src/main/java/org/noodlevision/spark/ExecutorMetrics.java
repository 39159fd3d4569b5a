package org.noodlevision.spark;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.noodlevision.memory.MemoryInfo;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.spark.metrics.FeatureTimer;
import org.noodlevision.spark.metrics.GpuComputeCounters;

/**
 * Registers every executor metric in the executor plugin's registry, all during {@code ExecutorPlugin.init} (Spark
 * may never publish a metric registered later). Spark names the source
 * {@code plugin.org.noodlevision.spark.NoodleVisionPlugin}; docs/metrics.md lists every name. No name starts with
 * {@code cluster.}, the driver's prefix ({@link DriverMetrics}).
 */
final class ExecutorMetrics {
  /** Name of the feature computation timer. */
  static final String FEATURE_TIMER = "featureComputation";

  private ExecutorMetrics() {
  }

  static void registerAll(MetricRegistry registry, Supplier<MemoryStatistics> stats, Supplier<MemoryInfo> system,
      TaskMemoryTracker tasks) {
    longGauge(registry, "cpuPool.usedBytes", stats, s -> s.cpuPool().currentUsage());
    longGauge(registry, "cpuPool.maxBytes", stats, s -> s.cpuPool().maxSize());
    doubleGauge(registry, "cpuPool.usagePercent", stats, s -> s.cpuPool().usagePercentage());
    longGauge(registry, "cpuPool.peakBytes", stats, s -> s.cpuStats().peakUsage());
    longGauge(registry, "gpuPool.usedBytes", stats, s -> s.gpuPool().currentUsage());
    longGauge(registry, "gpuPool.maxBytes", stats, s -> s.gpuPool().maxSize());
    doubleGauge(registry, "gpuPool.usagePercent", stats, s -> s.gpuPool().usagePercentage());
    longGauge(registry, "gpuPool.peakBytes", stats, s -> s.gpuStats().peakUsage());
    longGauge(registry, "allocations.count", stats, MemoryStatistics::allocationsCount);
    longGauge(registry, "tensors.live", stats, MemoryStatistics::liveTensors);
    longGauge(registry, "cache.hits", stats, s -> s.cacheStats().hits());
    longGauge(registry, "cache.misses", stats, s -> s.cacheStats().misses());
    doubleGauge(registry, "cache.efficiency", stats, s -> s.cacheStats().cacheEfficiency());
    longGauge(registry, "cache.evictions", stats, s -> s.cacheStats().evictions());
    longGauge(registry, "system.availableMemoryBytes", system, MemoryInfo::systemAvailable);
    longGauge(registry, "process.rssBytes", system, MemoryInfo::processRss);
    registry.register("tasks.leakedAllocations", (Gauge<Long>) tasks::leakedAllocations);
    registry.register("tasks.leakedBytes", (Gauge<Long>) tasks::leakedBytes);
    registry.register("tasks.finished", (Gauge<Long>) tasks::tasksFinished);
    registry.register(FEATURE_TIMER, FeatureTimer.timer());
    registry.register("gpu.clips", (Gauge<Long>) GpuComputeCounters::gpuClips);
    registry.register("gpu.cpuFallbackClips", (Gauge<Long>) GpuComputeCounters::cpuFallbackClips);
    registry.register("gpu.outOfMemoryEvents", (Gauge<Long>) GpuComputeCounters::outOfMemoryEvents);
    registry.register("gpu.splitRetries", (Gauge<Long>) GpuComputeCounters::splitRetries);
  }

  private static <S> void longGauge(MetricRegistry r, String name, Supplier<S> source, ToLongFunction<S> f) {
    r.register(name, (Gauge<Long>) () -> f.applyAsLong(source.get()));
  }

  private static <S> void doubleGauge(MetricRegistry r, String name, Supplier<S> source, ToDoubleFunction<S> f) {
    r.register(name, (Gauge<Double>) () -> f.applyAsDouble(source.get()));
  }
}
