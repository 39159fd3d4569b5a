package org.noodlevision.gpu;

import org.noodlevision.InvalidParameterException;

/**
 * Tuning knobs of the GPU backend. Device memory is bounded by {@code maxFramesPerLaunch} frames per sub-batch
 * times {@code streams} sub-batches in flight; pinned host memory by the largest batch given.
 *
 * @param maxFramesPerLaunch STFT frames per kernel launch (a sub-batch of whole clips); a clip with more frames
 *     is computed on the CPU (counted in {@link GpuCounters#cpuFallbackClips()})
 * @param streams CUDA streams that overlap the copies of one sub-batch with the kernels of another
 * @param minGpuBatchSamples the smallest batch (total samples) that {@link ComputeBackend#AUTO} sends to the GPU
 */
public record GpuSettings(int maxFramesPerLaunch, int streams, long minGpuBatchSamples) {
  /** 32768 frames per launch (12 min of 22.05 kHz audio at hop 512), 3 streams, GPU from 10 s of audio. */
  public static GpuSettings defaults() {
    return new GpuSettings(32768, 3, 220_500L);
  }

  public GpuSettings {
    if (maxFramesPerLaunch < 1) {
      throw new InvalidParameterException("gpu.maxFramesPerLaunch", maxFramesPerLaunch, "an integer >= 1");
    }
    if (streams < 1 || streams > 16) {
      throw new InvalidParameterException("gpu.streams", streams, "an integer from 1 to 16");
    }
    if (minGpuBatchSamples < 0) {
      throw new InvalidParameterException("gpu.minBatchSamples", minGpuBatchSamples, "a number >= 0");
    }
  }
}
