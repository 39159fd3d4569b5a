package org.noodlevision.spark;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.util.Map;
import java.util.OptionalLong;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.Device;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.SystemMemoryMonitor;
import org.noodlevision.memory.Tensor;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * Manual check for the GPU machine (no Spark there): the executor's GPU sizing from
 * {@code spark.noodlevision.memory.gpu.poolFraction} of free device memory, the GPU gauges, and a leaked GPU
 * tensor freed at task end. Prints its findings and exits non-zero on a failed check.
 */
public final class GpuPluginCheck {
  private GpuPluginCheck() {
  }

  public static void main(String[] args) {
    OptionalLong free = DeviceMemoryProbe.freeBytes(0);
    System.out.println("device 0 free bytes: " + free);
    check(free.isPresent() && free.getAsLong() > 0, "free device memory read");
    NoodleVisionConf conf = NoodleVisionConf.from(Map.of("spark.noodlevision.gpu.enabled", "on",
        "spark.noodlevision.memory.gpu.poolFraction", "0.25", "spark.noodlevision.memory.cpu.poolSize", "64m"));
    MemoryManagerConfig config = MemoryConfigs.from(conf, 0);
    System.out.println("config: " + config);
    double ratio = (double) config.gpuMaxSize() / free.getAsLong();
    System.out.println("gpu pool / free = " + ratio);
    check(ratio > 0.24 && ratio < 0.26, "GPU pool is a quarter of free device memory");
    try (MemoryManager manager = new MemoryManager(config)) {
      MetricRegistry registry = new MetricRegistry();
      TaskMemoryTracker tasks = new TaskMemoryTracker(manager);
      SystemMemoryMonitor monitor = new SystemMemoryMonitor();
      ExecutorMetrics.registerAll(registry, manager::getStatistics, monitor::getMemoryInfo, tasks);
      tasks.taskStarted(1);
      Tensor gpu = manager.allocateTensorOrThrow(new long[] {1 << 20}, DType.FLOAT32, true);
      System.out.println("tensor device: " + gpu.device());
      check(gpu.device() == Device.GPU, "GPU-preferring tensor on the GPU");
      Object used = gauge(registry, "gpuPool.usedBytes");
      Object max = gauge(registry, "gpuPool.maxBytes");
      System.out.println("gauges gpuPool.usedBytes=" + used + " gpuPool.maxBytes=" + max
          + " gpuPool.usagePercent=" + gauge(registry, "gpuPool.usagePercent")
          + " process.rssBytes=" + gauge(registry, "process.rssBytes"));
      check((Long) used >= 4L << 20, "gpu usage gauge counts the 4 MiB tensor");
      check(((Long) max).longValue() == config.gpuMaxSize(), "gpu max gauge = configured pool");
      LeakReport leaks = tasks.taskEnded(1, "check");
      System.out.println("task leak report: " + leaks.summary());
      check(leaks.count() == 1 && manager.getStatistics().liveTensors() == 0, "leaked GPU tensor freed at task end");
      System.out.println("gpu usage after task end: " + gauge(registry, "gpuPool.usedBytes")
          + ", peak " + gauge(registry, "gpuPool.peakBytes"));
    }
    System.out.println("GPU-PLUGIN-CHECK-OK");
  }

  private static Object gauge(MetricRegistry r, String name) {
    Gauge<?> g = r.getGauges().get(name);
    return g.getValue();
  }

  private static void check(boolean ok, String what) {
    System.out.println((ok ? "PASS " : "FAIL ") + what);
    if (!ok) {
      System.exit(1);
    }
  }
}
