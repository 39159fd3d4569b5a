package org.noodlevision.examples.extract;

import org.apache.spark.util.LongAccumulator;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.GpuCounters;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * Reports a task's GPU work to the accumulators: the growth of its thread's {@link ClipBatchComputer} counters
 * since the task started (the computer outlives tasks). GPU wall time goes to the plugin's
 * {@value NoodleVisionAccumulators#GPU_TIME_MS}; clips on the GPU, clips that fell back to the CPU and
 * out-of-memory splits to extract's own named accumulators.
 */
final class GpuTally {
  private final ClipBatchComputer computer;
  private long nanos;
  private long clips;
  private long fallbacks;
  private long splits;

  GpuTally(ClipBatchComputer computer) {
    this.computer = computer;
    GpuCounters c = computer.gpuCounters();
    this.nanos = computer.gpuNanos();
    this.clips = c.gpuClips();
    this.fallbacks = c.cpuFallbackClips();
    this.splits = c.splitRetries();
  }

  void report(NoodleVisionAccumulators plugin, LongAccumulator gpuClips, LongAccumulator gpuFallbackClips,
              LongAccumulator gpuSplits) {
    GpuCounters c = computer.gpuCounters();
    if (computer.gpuNanos() != nanos) {
      plugin.addGpuTimeNanos(computer.gpuNanos() - nanos);
      nanos = computer.gpuNanos();
    }
    if (c.gpuClips() != clips) {
      gpuClips.add(c.gpuClips() - clips);
      clips = c.gpuClips();
    }
    if (c.cpuFallbackClips() != fallbacks) {
      gpuFallbackClips.add(c.cpuFallbackClips() - fallbacks);
      fallbacks = c.cpuFallbackClips();
    }
    if (c.splitRetries() != splits) {
      gpuSplits.add(c.splitRetries() - splits);
      splits = c.splitRetries();
    }
  }
}
