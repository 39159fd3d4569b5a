package org.noodlevision.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.noodlevision.memory.AllocationScope;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attributes allocations to the running Spark task. The executor plugin's task hooks run on the task's thread:
 * {@link #taskStarted} opens a {@link AllocationScope} owned by {@code task-<attempt id>} on that thread, and
 * {@link #taskEnded} closes it, which frees whatever the task left allocated; that is counted as a leak and logged
 * with the task id. Allocations made on other threads than the task's are not attributed to it.
 */
final class TaskMemoryTracker {
  private static final Logger LOG = LoggerFactory.getLogger(TaskMemoryTracker.class);

  private final MemoryManager manager;
  private final Map<Long, AllocationScope> open = new ConcurrentHashMap<>();
  private final AtomicLong leakedAllocations = new AtomicLong();
  private final AtomicLong leakedBytes = new AtomicLong();
  private final AtomicLong tasksFinished = new AtomicLong();

  TaskMemoryTracker(MemoryManager manager) {
    this.manager = manager;
  }

  static String owner(long taskAttemptId) {
    return "task-" + taskAttemptId;
  }

  void taskStarted(long taskAttemptId) {
    AllocationScope previous = open.put(taskAttemptId, manager.openScope(owner(taskAttemptId), true));
    if (previous != null) {
      previous.close();
    }
  }

  /** Closes the task's scope; returns what it leaked (already freed). */
  LeakReport taskEnded(long taskAttemptId, String outcome) {
    tasksFinished.incrementAndGet();
    AllocationScope scope = open.remove(taskAttemptId);
    if (scope == null) {
      return null;
    }
    scope.close();
    LeakReport leaks = scope.leakReport();
    if (!leaks.isEmpty()) {
      leakedAllocations.addAndGet(leaks.count());
      leakedBytes.addAndGet(leaks.bytes());
      LOG.warn("Task {} ({}) left memory allocated; it has been freed: {}", taskAttemptId, outcome, leaks);
    }
    return leaks;
  }

  /** Closes scopes of tasks still running at executor shutdown. */
  void closeAll() {
    open.keySet().forEach(id -> taskEnded(id, "executor shutdown"));
  }

  long leakedAllocations() {
    return leakedAllocations.get();
  }

  long leakedBytes() {
    return leakedBytes.get();
  }

  long tasksFinished() {
    return tasksFinished.get();
  }
}
