package org.noodlevision.gpu;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one {@link GpuFeatureExtractor}: what ran where, and how often memory ran out. Thread-safe. */
public final class GpuCounters {
  private final AtomicLong gpuBatches = new AtomicLong();
  private final AtomicLong gpuClips = new AtomicLong();
  private final AtomicLong outOfMemoryEvents = new AtomicLong();
  private final AtomicLong splitRetries = new AtomicLong();
  private final AtomicLong cpuFallbackBatches = new AtomicLong();
  private final AtomicLong cpuFallbackClips = new AtomicLong();

  /** Batches (or parts of a split batch) computed on the GPU. */
  public long gpuBatches() {
    return gpuBatches.get();
  }

  /** Clips computed on the GPU. */
  public long gpuClips() {
    return gpuClips.get();
  }

  /** GPU out-of-memory errors caught (each led to a split or a CPU fallback). */
  public long outOfMemoryEvents() {
    return outOfMemoryEvents.get();
  }

  /** Times a batch was split in two and retried after an out-of-memory error. */
  public long splitRetries() {
    return splitRetries.get();
  }

  /** Batches (or parts) computed on the CPU instead: out of memory at one clip, or clips too long for a launch. */
  public long cpuFallbackBatches() {
    return cpuFallbackBatches.get();
  }

  /** Clips computed on the CPU instead of the GPU. */
  public long cpuFallbackClips() {
    return cpuFallbackClips.get();
  }

  void gpuBatch(int clips) {
    gpuBatches.incrementAndGet();
    gpuClips.addAndGet(clips);
  }

  void outOfMemory() {
    outOfMemoryEvents.incrementAndGet();
  }

  void split() {
    splitRetries.incrementAndGet();
  }

  void cpuFallback(int clips) {
    cpuFallbackBatches.incrementAndGet();
    cpuFallbackClips.addAndGet(clips);
  }

  @Override
  public String toString() {
    return "GpuCounters{gpuBatches=" + gpuBatches + ", gpuClips=" + gpuClips + ", outOfMemoryEvents="
        + outOfMemoryEvents + ", splitRetries=" + splitRetries + ", cpuFallbackBatches=" + cpuFallbackBatches
        + ", cpuFallbackClips=" + cpuFallbackClips + "}";
  }
}
