package org.noodlevision.audio.features;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The features computed for one clip, from one STFT pass, each time-major. */
public final class FeatureResult {
  private final int numFrames;
  private final Map<Feature, FeatureMatrix> features;
  private final double tuning;

  /**
   * @param numFrames number of STFT frames of the clip
   * @param features the computed matrices
   * @param tuning the chroma tuning used (given or estimated), NaN when chroma was not computed
   */
  public FeatureResult(int numFrames, Map<Feature, FeatureMatrix> features, double tuning) {
    this.numFrames = numFrames;
    this.features = Collections.unmodifiableMap(new EnumMap<>(features));
    this.tuning = tuning;
  }

  public int numFrames() {
    return numFrames;
  }

  /** The matrix of one feature, or throws {@link IllegalArgumentException} if it was not requested. */
  public FeatureMatrix get(Feature feature) {
    FeatureMatrix m = features.get(feature);
    if (m == null) {
      throw new IllegalArgumentException("Feature '" + feature.featureName() + "' was not computed; computed: "
          + features.keySet());
    }
    return m;
  }

  public boolean has(Feature feature) {
    return features.containsKey(feature);
  }

  public Map<Feature, FeatureMatrix> features() {
    return features;
  }

  /** The chroma tuning deviation used, in fractions of a bin; NaN when chroma was not requested. */
  public double tuning() {
    return tuning;
  }
}
