package org.noodlevision.examples.extract.parquet;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.SparkStatusTracker;

/**
 * Waits, after a failed job, until its killed tasks have stopped (Spark reports a job failed while its other
 * running tasks are still being killed), so the driver's clean-up comes after theirs. Finds the job as the one
 * of this thread's job group that was not there before it started; waits at most {@link #MAX_WAIT_MS}.
 */
final class StageDrain {
  static final long MAX_WAIT_MS = 30_000;

  private final SparkContext sc;
  private final String group;
  private final Set<Integer> before;

  /** Notes the jobs of this thread's group before the job starts. */
  StageDrain(SparkContext sc) {
    this.sc = sc;
    this.group = sc.getLocalProperty("spark.jobGroup.id");
    this.before = jobs();
  }

  /** Waits until no task of the jobs started since construction is running (or the wait limit passes). */
  void awaitTasks() {
    SparkStatusTracker tracker = sc.statusTracker();
    long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
    while (System.currentTimeMillis() < deadline && running(tracker) > 0) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private int running(SparkStatusTracker tracker) {
    int active = 0;
    for (int job : tracker.getJobIdsForGroup(group)) {
      if (before.contains(job)) {
        continue;
      }
      SparkJobInfo info = tracker.getJobInfo(job).getOrElse(() -> null);
      if (info == null) {
        continue;
      }
      for (int stage : info.stageIds()) {
        SparkStageInfo s = tracker.getStageInfo(stage).getOrElse(() -> null);
        active += s == null ? 0 : s.numActiveTasks();
      }
    }
    return active;
  }

  private Set<Integer> jobs() {
    return new HashSet<>(Arrays.stream(sc.statusTracker().getJobIdsForGroup(group)).boxed().toList());
  }
}
