package org.noodlevision.spark;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * Executor side of {@link NoodleVisionPlugin}. {@code init} builds the executor's {@link ExecutorResources} (one
 * MemoryManager, every metric, the reporter) from the settings the driver handed over, and publishes them through
 * {@link NoodleVisionExecutor}; if anything fails the executor fails to start, loudly. The task hooks run on the
 * task's thread and attribute its allocations to it ({@link TaskMemoryTracker}); {@code shutdown} releases
 * everything with a leak report.
 */
final class NoodleVisionExecutorPlugin implements ExecutorPlugin {
  /** The attempt id of the task running on this thread: Spark unsets TaskContext before the end hooks run. */
  private final ThreadLocal<Long> runningTask = new ThreadLocal<>();
  private ExecutorResources resources;

  @Override
  public void init(PluginContext ctx, Map<String, String> extraConf) {
    try {
      NoodleVisionConf conf = NoodleVisionConf.from(extraConf);
      resources = ExecutorResources.start(ctx, conf);
    } catch (RuntimeException | LinkageError e) {
      throw new NoodleVisionException("The NoodleVision executor plugin could not start on executor "
          + ctx.executorID() + " (" + ctx.hostname() + "): " + e + (String.valueOf(e).endsWith(".") ? " " : ". ")
          + "The executor cannot run NoodleVision work "
          + "without it; fix the cause (settings: docs/configuration.md) or remove "
          + NoodleVisionPlugin.class.getName() + " from spark.plugins.", e);
    }
    NoodleVisionExecutor.attach(resources);
  }

  @Override
  public void onTaskStart() {
    TaskContext task = TaskContext.get();
    if (task != null && resources != null) {
      runningTask.set(task.taskAttemptId());
      resources.tasks().taskStarted(task.taskAttemptId());
    }
  }

  @Override
  public void onTaskSucceeded() {
    taskEnded("succeeded");
  }

  @Override
  public void onTaskFailed(TaskFailedReason failureReason) {
    taskEnded("failed: " + failureReason.toErrorString().lines().findFirst().orElse(""));
  }

  private void taskEnded(String outcome) {
    Long taskAttemptId = runningTask.get();
    runningTask.remove();
    if (taskAttemptId != null && resources != null) {
      resources.tasks().taskEnded(taskAttemptId, outcome);
      resources.report();
    }
  }

  @Override
  public void shutdown() {
    ExecutorResources r = resources;
    resources = null;
    if (r == null) {
      return;
    }
    NoodleVisionExecutor.detach(r);
    try {
      r.close();
    } catch (Exception e) {
      throw new NoodleVisionException("The NoodleVision executor plugin did not shut down cleanly: " + e, e);
    }
  }
}
