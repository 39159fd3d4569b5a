package org.noodlevision.spark.compute;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.spark.NoodleVisionExecutor;
import org.noodlevision.spark.metrics.FeatureTimer;

/**
 * The single place where every Spark path (the {@code audio} data source's consumers, the column functions, the SQL
 * functions and the ML stages) computes features. Executor-side concerns (the executor's MemoryManager, metrics,
 * accumulators) attach here and nowhere else. Each computation is timed by the executor's {@link FeatureTimer}
 * ({@code featureComputation} metric).
 *
 * <p><b>Memory</b>: every pipeline is built with the executor's MemoryManager
 * ({@link NoodleVisionExecutor#memoryManager()}: the plugin's per-executor manager, or its documented fallback
 * manager without the plugin). The memory that grows with the clip (output matrices while they are built, log-mel
 * rows kept for MFCC) is taken from the manager's CPU pool <em>per computation</em>: allocated on the task's thread,
 * so attributed to the running task by the plugin, and freed before {@code compute} returns, so the executor's pool
 * gauges ({@code cpuPool.usedBytes}, {@code allocations.count}) reflect feature work and a finished task never
 * leaves feature memory behind (no task leak). A pool that stays exhausted makes a buffer fall back to the heap,
 * counted by the manager ({@code MemoryManager.heapFallbackCount()}); the task does not fail for it. A manager whose
 * policy asks for float64 (QUALITY_FIRST) makes the features float64 whatever the options say.
 *
 * <p><b>Backend</b>: in-memory clips go to the GPU when {@code spark.noodlevision.backend} says so (see
 * {@link #compute(float[], int, FeatureParams, Set)}; per-thread GPU state in {@link GpuClipComputers}, device memory
 * from the manager's GPU pool, counted in the {@code gpu.*} metrics); streamed clips are computed on the CPU.
 *
 * <p>Pipelines own fixed working buffers and are not thread-safe, so each task thread keeps a small cache of them,
 * keyed by parameters in effect, feature set and manager: FFT plans and filter banks are built once per thread, not
 * once per row. Cached pipelines hold no pool memory between computations.
 */
public final class AudioFeatureComputer {
  private static final int PIPELINES_PER_THREAD = 8;
  private static final ThreadLocal<ClosingLruCache<PipelineKey, FeaturePipeline>> PIPELINES =
      ThreadLocal.withInitial(() -> new ClosingLruCache<>(PIPELINES_PER_THREAD));

  private AudioFeatureComputer() {}

  /**
   * Computes {@code features} of mono {@code samples} at {@code sampleRate} in one STFT pass, on the backend that
   * {@code spark.noodlevision.backend} selects for this clip: {@code cpu}; {@code gpu}; or {@code auto} (default),
   * the GPU when one is usable and the clip holds at least {@link org.noodlevision.gpu.GpuSettings#minGpuBatchSamples()}
   * samples (10 s at 22.05 kHz), else the CPU. GPU results equal the CPU's within librosa's tolerances.
   *
   * @throws org.noodlevision.InvalidParameterException when the sample rate, a parameter or the backend setting is
   *     not allowed
   * @throws org.noodlevision.gpu.GpuUnavailableException when the backend is {@code gpu} and this executor has no
   *     usable GPU (the message names the setting)
   */
  public static FeatureResult compute(float[] samples, int sampleRate, FeatureParams params, Set<Feature> features) {
    params.fmax(sampleRate); // validates the sample rate and fmax before any work
    ComputeBackend backend = BackendSetting.current();
    if (backend != ComputeBackend.CPU && !features.isEmpty()) {
      MemoryManager manager = NoodleVisionExecutor.memoryManager();
      FeatureParams effective = FeaturePipeline.effectiveParams(params, manager);
      ClipBatchComputer gpu = GpuClipComputers.computer(backend, effective, features, manager,
          (s, sr) -> computeOnCpu(s, sr, effective, features));
      if (gpu != null && gpu.backendFor(samples.length) == ComputeBackend.GPU) {
        return FeatureTimer.time(() -> GpuClipComputers.compute(gpu, samples, sampleRate));
      }
    }
    return FeatureTimer.time(() -> computeOnCpu(samples, sampleRate, params, features));
  }

  /** The CPU path of {@link #compute(float[], int, FeatureParams, Set)}: this thread's cached pipeline. */
  private static FeatureResult computeOnCpu(float[] samples, int sampleRate, FeatureParams params,
      Set<Feature> features) {
    return pipelineFor(params, features).compute(samples, sampleRate);
  }

  /**
   * Computes {@code features} of a re-openable clip of any length in bounded working memory (see
   * {@link FeaturePipeline#compute(Supplier)}): the samples are never held whole; only the outputs grow with the
   * clip. Use it for long files instead of decoding them into an array.
   *
   * @param source opens the clip; called once, or twice when MFCC or estimated-tuning chroma need a second pass
   * @throws org.noodlevision.InvalidParameterException when the sample rate or a parameter is not allowed
   */
  public static FeatureResult compute(Supplier<? extends AudioStream> source, FeatureParams params,
      Set<Feature> features) {
    FeaturePipeline pipeline = pipelineFor(params, features);
    return FeatureTimer.time(() -> pipeline.compute(source));
  }

  /** This thread's cached pipeline for the executor's manager, with the parameters its policy puts in effect. */
  private static FeaturePipeline pipelineFor(FeatureParams params, Set<Feature> features) {
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    return PIPELINES.get().get(
        new PipelineKey(FeaturePipeline.effectiveParams(params, manager), features, new ManagerIdentity(manager)),
        k -> new FeaturePipeline(k.params(), k.features(), manager));
  }

  /** Keyed by the manager's identity too: a plugin restarted in the same JVM (tests) brings a new manager. */
  private record PipelineKey(FeatureParams params, Set<Feature> features, ManagerIdentity manager) {
    PipelineKey {
      Objects.requireNonNull(params, "params");
      features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    }
  }
}
