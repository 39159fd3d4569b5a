package org.noodlevision.gpu;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/** Where features are computed: {@code auto} (GPU when present and the batch is large enough), {@code cpu}, {@code gpu}. */
public enum ComputeBackend {
  AUTO, CPU, GPU;

  /** Parses {@code auto|cpu|gpu} (case-insensitive); {@code setting} names the configuration key in errors. */
  public static ComputeBackend fromName(String setting, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (ComputeBackend b : values()) {
      if (b.name().toLowerCase(Locale.ROOT).equals(v)) {
        return b;
      }
    }
    throw new InvalidParameterException(setting, value, "auto, cpu, gpu");
  }

  /**
   * Decides the backend of one batch: {@link #CPU} or {@link #GPU}, never {@link #AUTO}.
   *
   * @param gpu the probe result ({@link GpuBackend#probe()})
   * @param batchSamples total samples of the batch
   * @param minGpuBatchSamples the smallest batch {@code auto} sends to the GPU
   * @throws GpuUnavailableException when this is {@link #GPU} and no usable GPU exists
   */
  public ComputeBackend resolve(GpuBackend.Probe gpu, long batchSamples, long minGpuBatchSamples) {
    switch (this) {
      case CPU:
        return CPU;
      case GPU:
        if (!gpu.available()) {
          throw new GpuUnavailableException("backend=gpu was requested but no usable GPU exists: " + gpu.reason()
              + ". Use backend=auto or cpu on machines without a CUDA GPU.");
        }
        return GPU;
      default:
        return gpu.available() && batchSamples >= minGpuBatchSamples ? GPU : CPU;
    }
  }
}
