package org.noodlevision.gpu;

import org.noodlevision.InvalidParameterException;

/**
 * Tuning knobs of the GPU backend. Device memory is bounded by {@code maxFramesPerLaunch} frames per sub-batch
 * times {@code streams} sub-batches in flight; pinned host memory by the largest batch given.
 *
 * @param maxFramesPerLaunch STFT frames per kernel launch (a sub-batch of whole clips); a clip with more frames
 *     is computed in chunks of this many frames
 * @param streams CUDA streams that overlap the copies of one sub-batch with the kernels of another
 * @param minGpuBatchSamples the smallest batch (total samples) that {@link ComputeBackend#AUTO} sends to the GPU
 * @param float64Fft window and FFT in float64, as librosa computes its STFT (float64 window times the frames, rfft
 *     in float64, stored as complex64); false runs them in float32 (a few percent faster, about 50 times further
 *     from librosa on log-mel, still inside the tolerances on the reference files)
 */
public record GpuSettings(int maxFramesPerLaunch, int streams, long minGpuBatchSamples, boolean float64Fft) {
  /**
   * 16384 frames per launch (6 min of 22.05 kHz audio at hop 512), 4 streams, GPU from 10 s of audio, float64
   * FFT: the fastest of the settings measured in docs/benchmarks-gpu.md.
   */
  public static GpuSettings defaults() {
    return new GpuSettings(16384, 4, 220_500L, true);
  }

  /** Settings with the float64 FFT. */
  public GpuSettings(int maxFramesPerLaunch, int streams, long minGpuBatchSamples) {
    this(maxFramesPerLaunch, streams, minGpuBatchSamples, true);
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
