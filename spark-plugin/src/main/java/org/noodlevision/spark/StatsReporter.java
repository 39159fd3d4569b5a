package org.noodlevision.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.plugin.PluginContext;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryStatistics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ExecutorStatsReport}s to the driver plugin every report interval (on one daemon thread) and when
 * asked ({@link #sendNow()}, after each task). A failed send is logged at debug and retried at the next interval.
 */
final class StatsReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsReporter.class);

  private final PluginContext ctx;
  private final MemoryManager manager;
  private final TaskMemoryTracker tasks;
  private final ScheduledExecutorService timer;

  StatsReporter(PluginContext ctx, MemoryManager manager, TaskMemoryTracker tasks, long intervalMillis) {
    this.ctx = ctx;
    this.manager = manager;
    this.tasks = tasks;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "noodlevision-stats-reporter");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::sendNow, 0, intervalMillis, TimeUnit.MILLISECONDS);
  }

  void sendNow() {
    send(false);
  }

  private void send(boolean last) {
    try {
      ctx.send(report(last));
    } catch (Exception e) {
      LOG.debug("Could not send NoodleVision statistics to the driver", e);
    }
  }

  ExecutorStatsReport report(boolean last) {
    MemoryStatistics s = manager.getStatistics();
    return new ExecutorStatsReport(ctx.executorID(), System.currentTimeMillis(), last,
        s.cpuPool().currentUsage(), s.cpuPool().maxSize(), s.cpuStats().peakUsage(),
        s.gpuPool().currentUsage(), s.gpuPool().maxSize(), s.gpuStats().peakUsage(),
        s.allocationsCount(), s.cacheStats().hits(), s.cacheStats().misses(), s.cacheStats().evictions(),
        tasks.leakedAllocations(), tasks.leakedBytes(), tasks.tasksFinished(),
        NoodleVisionExecutor.pluginInits());
  }

  /** Stops the timer and sends a final report, after which the driver drops this executor from its totals. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(5, TimeUnit.SECONDS);
    send(true);
  }
}
