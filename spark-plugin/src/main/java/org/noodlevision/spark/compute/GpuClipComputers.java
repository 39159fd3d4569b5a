package org.noodlevision.spark.compute;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.gpu.GpuBackend;
import org.noodlevision.gpu.GpuSettings;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.spark.metrics.GpuComputeCounters;

/**
 * The GPU side of {@link AudioFeatureComputer}: on each task thread, a small cache of {@link ClipBatchComputer}s
 * (kernels, streams and device buffers built once per thread and parameter set, device memory from the executor
 * manager's GPU pool), used when {@code spark.noodlevision.backend} is {@code gpu}, or {@code auto} with a usable
 * GPU and a clip of at least {@link GpuSettings#minGpuBatchSamples()} samples. A GPU out-of-memory error splits,
 * retries and then computes on the CPU ({@link ClipBatchComputer}); every computation's GPU counts are added to
 * {@link GpuComputeCounters}.
 */
final class GpuClipComputers {
  private static final int COMPUTERS_PER_THREAD = 4;
  private static final ThreadLocal<ClosingLruCache<Key, ClipBatchComputer>> COMPUTERS =
      ThreadLocal.withInitial(() -> new ClosingLruCache<>(COMPUTERS_PER_THREAD));

  private GpuClipComputers() {}

  /**
   * This thread's computer for {@code backend} (auto or gpu), or null when {@code backend} is auto and this
   * machine has no usable GPU (the caller stays on the CPU without building anything).
   *
   * @param cpu the CPU computation of one clip (the caller's pipeline path), used for CPU batches and fallbacks
   * @throws org.noodlevision.gpu.GpuUnavailableException when {@code backend} is gpu and no usable GPU exists;
   *     the message names {@code spark.noodlevision.backend}
   */
  static ClipBatchComputer computer(ComputeBackend backend, FeatureParams params, Set<Feature> features,
                                    MemoryManager manager, ClipBatchComputer.CpuCompute cpu) {
    if (backend == ComputeBackend.AUTO && !GpuBackend.probe().available()) {
      return null;
    }
    return COMPUTERS.get().get(new Key(backend, params, features, new ManagerIdentity(manager)),
        k -> ClipBatchComputer.create(BackendSetting.KEY, k.backend().name(), k.params(), k.features(),
            GpuSettings.defaults(), cpu, GpuBackend.probe(), manager::gpuMemoryPool));
  }

  /** Computes one clip on {@code computer} and adds what ran on the GPU to {@link GpuComputeCounters}. */
  static FeatureResult compute(ClipBatchComputer computer, float[] samples, int sampleRate) {
    GpuComputeCounters.Snapshot before = GpuComputeCounters.Snapshot.of(computer.gpuCounters());
    try {
      return computer.compute(List.of(samples), sampleRate).get(0);
    } finally {
      GpuComputeCounters.addDifference(before, computer.gpuCounters());
    }
  }

  /** The cache key; the manager by identity ({@link ManagerIdentity}). */
  private record Key(ComputeBackend backend, FeatureParams params, Set<Feature> features, ManagerIdentity manager) {
    Key {
      Objects.requireNonNull(params, "params");
      features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    }
  }
}
