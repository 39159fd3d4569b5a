package org.noodlevision.audio.features;

import java.util.Set;

/**
 * Computes any subset of {@link Feature}s of a clip from a single STFT pass, with librosa 0.11's definitions.
 * Not thread-safe: it owns fixed working buffers; use one per thread.
 *
 * <p>PLACEHOLDER: the engine work replaces this body.
 */
public final class FeaturePipeline implements AutoCloseable {
  private final FeatureParams params;
  private final Set<Feature> features;

  public FeaturePipeline(FeatureParams params, Set<Feature> features) {
    this.params = params;
    this.features = features;
  }

  public FeatureParams params() {
    return params;
  }

  public Set<Feature> features() {
    return features;
  }

  /** Computes the requested features of mono {@code samples} at {@code sampleRate}. */
  public FeatureResult compute(float[] samples, int sampleRate) {
    throw new UnsupportedOperationException("FeaturePipeline is not implemented yet");
  }

  @Override
  public void close() {}
}
