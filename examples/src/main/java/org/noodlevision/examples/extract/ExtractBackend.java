package org.noodlevision.examples.extract;

import java.io.Serializable;
import java.util.Objects;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.gpu.GpuSettings;
import org.noodlevision.spark.compute.AudioFeatureComputer;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * Where {@code extract} computes: the {@code spark.noodlevision.backend} setting ({@code auto|cpu|gpu}, read on the
 * driver and shipped with the job) and, on each executor thread, one cached {@link ClipBatchComputer} (its GPU
 * extractor, kernels and device buffers are built once per thread, not once per task). CPU work goes through the
 * plugin's {@link AudioFeatureComputer}, as before.
 */
final class ExtractBackend implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Samples per GPU batch: 8 Mi samples (about 6 min of 22.05 kHz audio, 32 MiB of samples and about 90 MiB of
   * default features per task in flight). CPU batches are single files.
   */
  static final long GPU_BATCH_SAMPLES = 8L << 20;

  private static final ThreadLocal<Cached> PER_THREAD = new ThreadLocal<>();

  private final String backendName;

  ExtractBackend(String backendName) {
    this.backendName = ComputeBackend.fromName(NoodleVisionConf.COMPUTE_BACKEND.key(), backendName).name();
  }

  String backendName() {
    return backendName;
  }

  /** This thread's computer for {@code extractor}'s parameters and features (created on first use). */
  ClipBatchComputer computer(FileFeatureExtractor extractor) {
    FeatureParams params = extractor.params();
    java.util.Set<Feature> features = extractor.featureSet();
    Cached c = PER_THREAD.get();
    if (c != null && c.backendName.equals(backendName) && c.params.equals(params) && c.features.equals(features)) {
      return c.computer;
    }
    if (c != null) {
      c.computer.close();
      PER_THREAD.remove();
    }
    ClipBatchComputer computer = ClipBatchComputer.create(NoodleVisionConf.COMPUTE_BACKEND.key(), backendName,
        params, features, GpuSettings.defaults(),
        (samples, sr) -> AudioFeatureComputer.compute(samples, sr, params, features));
    PER_THREAD.set(new Cached(backendName, params, features, computer));
    return computer;
  }

  /** The largest batch for {@code computer}: GPU-sized when it may use the GPU, else one file. */
  static long batchSamples(ClipBatchComputer computer) {
    return computer.backendFor(Long.MAX_VALUE) == ComputeBackend.GPU ? GPU_BATCH_SAMPLES : 1;
  }

  private record Cached(String backendName, FeatureParams params, java.util.Set<Feature> features,
                        ClipBatchComputer computer) {
    Cached {
      Objects.requireNonNull(computer, "computer");
    }
  }
}
