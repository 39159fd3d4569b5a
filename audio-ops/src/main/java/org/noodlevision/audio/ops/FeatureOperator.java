package org.noodlevision.audio.ops;

import java.util.EnumSet;
import java.util.Objects;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipelines;

/** An operator computing one {@link Feature} with a per-thread {@link org.noodlevision.audio.features.FeaturePipeline}. */
abstract class FeatureOperator implements AudioOperator {
  private final FeatureParams params;
  private final Feature feature;

  FeatureOperator(FeatureParams params, Feature feature) {
    this.params = Objects.requireNonNull(params, "params");
    this.feature = feature;
  }

  /** The parameters this operator computes with. */
  public FeatureParams params() {
    return params;
  }

  @Override
  public FeatureMatrix apply(float[] samples, int sampleRate) {
    return FeaturePipelines.forCurrentThread(params, EnumSet.of(feature)).compute(samples, sampleRate).get(feature);
  }
}
