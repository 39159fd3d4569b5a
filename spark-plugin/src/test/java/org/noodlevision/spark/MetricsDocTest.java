package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.SystemMemoryMonitor;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/** docs/metrics.md lists every metric the plugin registers and every accumulator. */
class MetricsDocTest {
  private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "metrics.md");

  @Test
  void everyRegisteredMetric_isDocumented() throws IOException {
    String doc = Files.readString(DOC);
    MetricRegistry registry = new MetricRegistry();
    try (MemoryManager manager = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).build())) {
      SystemMemoryMonitor monitor = new SystemMemoryMonitor();
      ExecutorMetrics.registerAll(registry, manager::getStatistics, monitor::getMemoryInfo,
          new TaskMemoryTracker(manager));
    }
    assertTrue(registry.getNames().size() >= 19, registry.getNames().toString());
    for (String name : registry.getNames()) {
      assertTrue(doc.contains("| `" + name + "` |"), "executor metric " + name + " missing from docs/metrics.md");
    }
    for (String name : DriverMetrics.metricNames()) {
      assertTrue(doc.contains("`cluster.executor.<id>." + name + "` / `cluster.total." + name + "`"),
          "driver metric " + name + " missing from docs/metrics.md");
    }
    assertTrue(doc.contains("`cluster.executors`"));
    for (String acc : List.of(NoodleVisionAccumulators.FRAMES_COMPUTED, NoodleVisionAccumulators.AUDIO_SECONDS,
        NoodleVisionAccumulators.FILES_FAILED, NoodleVisionAccumulators.GPU_TIME_MS)) {
      assertTrue(doc.contains("| `" + acc + "` |"), "accumulator " + acc + " missing from docs/metrics.md");
    }
  }
}
