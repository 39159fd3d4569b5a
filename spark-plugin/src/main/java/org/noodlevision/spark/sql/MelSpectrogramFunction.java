package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;

/** SQL {@code mel_spectrogram(samples, sample_rate [, options])}: {@link Feature#MEL_SPECTROGRAM}, time-major {@code array<array<float>>}. */
public final class MelSpectrogramFunction extends FeatureFunction {
  private static final long serialVersionUID = 1L;

  MelSpectrogramFunction(FunctionArguments arguments) {
    super(Feature.MEL_SPECTROGRAM, arguments);
  }

  /** Magic method called by generated code: librosa's defaults. */
  public static ArrayData invoke(ArrayData samples, int sampleRate) {
    return FeatureEvaluation.single(Feature.MEL_SPECTROGRAM, samples, sampleRate, 0, null);
  }

  /** Magic method called by generated code: {@code options} as {@code "n_fft=512, hop_length=160"}. */
  public static ArrayData invoke(ArrayData samples, int sampleRate, UTF8String options) {
    return FeatureEvaluation.single(Feature.MEL_SPECTROGRAM, samples, sampleRate, 0, options);
  }
}
