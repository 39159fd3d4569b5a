package org.noodlevision.spark.metrics;

import java.util.concurrent.atomic.LongAdder;
import org.noodlevision.gpu.GpuCounters;

/**
 * Process-wide counts of the feature functions' GPU work ({@code gpu.*} in the plugin's metric source, see
 * docs/metrics.md): clips computed on the GPU, clips that fell back to the CPU, GPU out-of-memory errors and the
 * batch splits they caused. The column, SQL and ML paths add what each of their computations did; without the
 * plugin the counts still grow but nothing publishes them.
 */
public final class GpuComputeCounters {
  private static final LongAdder GPU_CLIPS = new LongAdder();
  private static final LongAdder CPU_FALLBACK_CLIPS = new LongAdder();
  private static final LongAdder OUT_OF_MEMORY_EVENTS = new LongAdder();
  private static final LongAdder SPLIT_RETRIES = new LongAdder();

  private GpuComputeCounters() {}

  /** Adds what {@code after} counted beyond {@code before} (two snapshots of one extractor's counters). */
  public static void addDifference(Snapshot before, GpuCounters after) {
    GPU_CLIPS.add(after.gpuClips() - before.gpuClips());
    CPU_FALLBACK_CLIPS.add(after.cpuFallbackClips() - before.cpuFallbackClips());
    OUT_OF_MEMORY_EVENTS.add(after.outOfMemoryEvents() - before.outOfMemoryEvents());
    SPLIT_RETRIES.add(after.splitRetries() - before.splitRetries());
  }

  /** Clips the feature functions computed on the GPU. */
  public static long gpuClips() {
    return GPU_CLIPS.sum();
  }

  /** Clips sent to the GPU that were computed on the CPU instead (out of device memory). */
  public static long cpuFallbackClips() {
    return CPU_FALLBACK_CLIPS.sum();
  }

  /** GPU out-of-memory errors caught by the feature functions. */
  public static long outOfMemoryEvents() {
    return OUT_OF_MEMORY_EVENTS.sum();
  }

  /** Batches split in two and retried after a GPU out-of-memory error. */
  public static long splitRetries() {
    return SPLIT_RETRIES.sum();
  }

  /** The counters of one extractor before a computation. */
  public record Snapshot(long gpuClips, long cpuFallbackClips, long outOfMemoryEvents, long splitRetries) {
    public static Snapshot of(GpuCounters c) {
      return new Snapshot(c.gpuClips(), c.cpuFallbackClips(), c.outOfMemoryEvents(), c.splitRetries());
    }
  }
}
