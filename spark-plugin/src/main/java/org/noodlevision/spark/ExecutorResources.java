package org.noodlevision.spark;

import com.codahale.metrics.MetricRegistry;
import org.apache.spark.api.plugin.PluginContext;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryInfo;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.SystemMemoryMonitor;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the executor plugin owns, with an explicit lifecycle: {@link #start} builds the MemoryManager,
 * the task tracker, the metrics and the reporter, or fails as a whole (undoing what it built); {@link #close} runs
 * every release step even when one fails, attaching later failures to the first with {@code addSuppressed}, and
 * logs the manager's leak report.
 */
final class ExecutorResources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorResources.class);

  private final String executorId;
  private final MemoryManager manager;
  private final TaskMemoryTracker tasks;
  private StatsReporter reporter;
  private volatile boolean closed;

  private ExecutorResources(String executorId, MemoryManager manager) {
    this.executorId = executorId;
    this.manager = manager;
    this.tasks = new TaskMemoryTracker(manager);
  }

  /**
   * Builds the executor's resources.
   *
   * @throws NoodleVisionException naming the executor and the cause when anything fails
   */
  static ExecutorResources start(PluginContext ctx, NoodleVisionConf conf) {
    String executorId = ctx.executorID();
    int device = GpuAssignment.deviceOrdinal(ctx.resources(),
        conf.get(NoodleVisionConf.GPU_DEFAULT_DEVICE));
    MemoryManagerConfig memoryConfig = MemoryConfigs.from(conf, device);
    MemoryManager manager = new MemoryManager(memoryConfig);
    requireGpuWhenOn(conf, manager, device);
    ExecutorResources resources = new ExecutorResources(executorId, manager);
    try {
      SystemMemoryMonitor monitor = new SystemMemoryMonitor();
      Snapshot<MemoryStatistics> stats = new Snapshot<>(manager::getStatistics, 200);
      Snapshot<MemoryInfo> system = new Snapshot<>(monitor::getMemoryInfo, 1000);
      MetricRegistry registry = ctx.metricRegistry();
      ExecutorMetrics.registerAll(registry, stats, system, resources.tasks);
      resources.reporter = new StatsReporter(ctx, manager, resources.tasks,
          conf.get(NoodleVisionConf.METRICS_REPORT_INTERVAL));
    } catch (RuntimeException | LinkageError e) {
      try {
        resources.close();
      } catch (Exception closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
    LOG.info("NoodleVision executor {} started: {}", executorId, memoryConfig);
    return resources;
  }

  /** gpu.enabled=on promises a GPU: without one the executor must not start (auto would fall back to the CPU). */
  private static void requireGpuWhenOn(NoodleVisionConf conf, MemoryManager manager, int device) {
    if (conf.get(NoodleVisionConf.GPU_MODE) == GpuMode.ON && !manager.gpuMemoryPool().isAvailable()) {
      String reason = manager.gpuMemoryPool().unavailableReason().orElse("unknown reason");
      manager.shutdown();
      throw new NoodleVisionException(NoodleVisionConf.GPU_MODE.key() + "=on but CUDA device " + device
          + " cannot be used: " + reason + ". Set it to 'auto' to compute on the CPU when no GPU is usable, or "
          + "'off'.");
    }
  }

  MemoryManager manager() {
    return manager;
  }

  TaskMemoryTracker tasks() {
    return tasks;
  }

  /** Sends statistics to the driver now (after a task ends). */
  void report() {
    StatsReporter r = reporter;
    if (r != null) {
      r.sendNow();
    }
  }

  @Override
  public void close() throws Exception {
    if (closed) {
      return;
    }
    closed = true;
    Exception failure = null;
    try {
      tasks.closeAll();
    } catch (Exception e) {
      failure = e;
    }
    try {
      if (reporter != null) {
        reporter.close();
      }
    } catch (Exception e) {
      failure = chain(failure, e);
    }
    try {
      LeakReport leaks = manager.shutdown();
      if (leaks.isEmpty()) {
        LOG.info("NoodleVision executor {} shut down; no memory leaked", executorId);
      } else {
        LOG.warn("NoodleVision executor {} shut down with memory still allocated (now freed): {}", executorId, leaks);
      }
    } catch (Exception e) {
      failure = chain(failure, e);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static Exception chain(Exception first, Exception next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }
}
