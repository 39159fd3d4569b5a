package org.noodlevision.audio.ops;

import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/** {@code librosa.feature.chroma_stft}: {@code [frame][n_chroma]}, tuning estimated per clip by default. Thread-safe. */
public final class ChromaOperator extends FeatureOperator {
  /** librosa's defaults: 12 chroma bins, tuning estimated per clip. */
  public ChromaOperator() {
    this(FeatureParams.defaults());
  }

  public ChromaOperator(FeatureParams params) {
    super(params, Feature.CHROMA);
  }
}
