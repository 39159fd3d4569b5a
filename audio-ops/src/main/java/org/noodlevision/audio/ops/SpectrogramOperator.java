package org.noodlevision.audio.ops;

import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/** {@code abs(librosa.stft(y))}: the magnitude spectrogram, {@code [frame][1 + n_fft/2]}. Thread-safe. */
public final class SpectrogramOperator extends FeatureOperator {
  /** librosa's defaults: n_fft 2048, hop 512, periodic Hann, centred with zero padding. */
  public SpectrogramOperator() {
    this(FeatureParams.defaults());
  }

  public SpectrogramOperator(FeatureParams params) {
    super(params, Feature.SPECTROGRAM);
  }
}
