package org.noodlevision.spark.compute;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.spark.metrics.FeatureTimer;

/**
 * The single place where every Spark path (the {@code audio} data source's consumers, the column functions, the SQL
 * functions and the ML stages) computes features. Executor-side concerns (the executor's MemoryManager, metrics,
 * accumulators) attach here and nowhere else. Each computation is timed by the executor's {@link FeatureTimer}
 * ({@code featureComputation} metric). The executor's MemoryManager
 * ({@code org.noodlevision.spark.NoodleVisionExecutor.memoryManager()}) is to be handed to the pipelines built in
 * {@code PipelineCache} once the engine's {@code FeaturePipeline} accepts one.
 *
 * <p>Pipelines own fixed working buffers and are not thread-safe, so each task thread keeps a small cache of them,
 * keyed by parameters and feature set: FFT plans and filter banks are built once per thread, not once per row.
 */
public final class AudioFeatureComputer {
  private static final int PIPELINES_PER_THREAD = 8;
  private static final ThreadLocal<PipelineCache> PIPELINES = ThreadLocal.withInitial(PipelineCache::new);

  private AudioFeatureComputer() {}

  /**
   * Computes {@code features} of mono {@code samples} at {@code sampleRate} in one STFT pass.
   *
   * @throws org.noodlevision.InvalidParameterException when the sample rate or a parameter is not allowed
   */
  public static FeatureResult compute(float[] samples, int sampleRate, FeatureParams params, Set<Feature> features) {
    params.fmax(sampleRate); // validates the sample rate and fmax before any work
    FeaturePipeline pipeline = PIPELINES.get().pipeline(params, features);
    return FeatureTimer.time(() -> pipeline.compute(samples, sampleRate));
  }

  private record PipelineKey(FeatureParams params, Set<Feature> features) {
    PipelineKey {
      Objects.requireNonNull(params, "params");
      features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    }
  }

  /** A per-thread LRU of pipelines; evicted pipelines are closed. */
  private static final class PipelineCache extends LinkedHashMap<PipelineKey, FeaturePipeline> {
    private static final long serialVersionUID = 1L;

    PipelineCache() {
      super(16, 0.75f, true);
    }

    FeaturePipeline pipeline(FeatureParams params, Set<Feature> features) {
      return computeIfAbsent(new PipelineKey(params, features), k -> new FeaturePipeline(k.params(), k.features()));
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<PipelineKey, FeaturePipeline> eldest) {
      if (size() > PIPELINES_PER_THREAD) {
        eldest.getValue().close();
        return true;
      }
      return false;
    }
  }
}
