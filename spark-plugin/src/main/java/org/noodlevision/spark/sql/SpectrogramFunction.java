package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;

/** SQL {@code spectrogram(samples, sample_rate [, options])}: {@link Feature#SPECTROGRAM}, time-major {@code array<array<float>>}. */
public final class SpectrogramFunction extends FeatureFunction {
  private static final long serialVersionUID = 2L;

  SpectrogramFunction(FunctionArguments arguments, CallContext call) {
    super(Feature.SPECTROGRAM, arguments, call);
  }

  /** Magic method called by generated code: librosa's defaults. */
  public ArrayData invoke(ArrayData samples, int sampleRate) {
    return evaluate(samples, sampleRate, null, null);
  }

  /** Magic method called by generated code: {@code options} as {@code "n_fft=512, hop_length=160"}. */
  public ArrayData invoke(ArrayData samples, int sampleRate, UTF8String options) {
    return evaluate(samples, sampleRate, null, options);
  }
}
