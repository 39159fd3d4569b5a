package org.noodlevision.memory;

/**
 * Hooks for metrics. Called synchronously on the thread that caused the event: keep them cheap (increment a
 * counter). Gauges should poll {@link MemoryManager#getStatistics()} instead. All methods default to no-ops.
 */
public interface MemoryEventListener {
  /** A tensor request could not be served by any pool. */
  default void onAllocationFailure(Device preferred, long bytes) {}

  /** A GPU-preferring request was served by the CPU pool (GPU unavailable or full). */
  default void onGpuFallback(long bytes) {}

  /** The tensor recycling cache evicted a tensor of {@code bytes} to make room. */
  default void onCacheEviction(long bytes) {}

  /**
   * A consumer (the feature pipeline) used {@code bytes} of Java heap instead of pool memory because the pool stayed
   * exhausted ({@link MemoryManager#recordHeapFallback}).
   */
  default void onHeapFallback(long bytes) {}

  /** An owner or the manager was released with tensors still allocated (never called for empty reports). */
  default void onLeak(LeakReport report) {}
}
