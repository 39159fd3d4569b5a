package org.noodlevision.audio.ops;

import org.noodlevision.audio.features.FeatureMatrix;

/**
 * One feature as a callable operator, as in the seed API's {@code SpectrogramOperator()(audio)}. Implementations
 * are immutable and thread-safe (working buffers are per thread).
 */
public interface AudioOperator {
  /** librosa's default sample rate, used by {@link #apply(float[])}. */
  int DEFAULT_SAMPLE_RATE = 22050;

  /** Computes the feature of mono {@code samples} at {@code sampleRate}; time-major {@code [frame][bin]}. */
  FeatureMatrix apply(float[] samples, int sampleRate);

  /** Computes the feature at librosa's default sample rate, 22050 Hz. */
  default FeatureMatrix apply(float[] samples) {
    return apply(samples, DEFAULT_SAMPLE_RATE);
  }
}
