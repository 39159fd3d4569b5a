package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;

/** SQL {@code chroma(samples, sample_rate [, options])}: {@link Feature#CHROMA}, time-major {@code array<array<float>>}. */
public final class ChromaFunction extends FeatureFunction {
  private static final long serialVersionUID = 1L;

  ChromaFunction(FunctionArguments arguments) {
    super(Feature.CHROMA, arguments);
  }

  /** Magic method called by generated code: librosa's defaults. */
  public static ArrayData invoke(ArrayData samples, int sampleRate) {
    return FeatureEvaluation.single(Feature.CHROMA, samples, sampleRate, 0, null);
  }

  /** Magic method called by generated code: {@code options} as {@code "n_fft=512, hop_length=160"}. */
  public static ArrayData invoke(ArrayData samples, int sampleRate, UTF8String options) {
    return FeatureEvaluation.single(Feature.CHROMA, samples, sampleRate, 0, options);
  }
}
