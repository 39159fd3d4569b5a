package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;

/** SQL {@code mfcc(samples, sample_rate [, n_mfcc] [, options])}: {@link Feature#MFCC}, time-major {@code array<array<float>>}. */
public final class MfccFunction extends FeatureFunction {
  private static final long serialVersionUID = 1L;

  MfccFunction(FunctionArguments arguments) {
    super(Feature.MFCC, arguments);
  }

  /** Magic method called by generated code: librosa's defaults. */
  public static ArrayData invoke(ArrayData samples, int sampleRate) {
    return FeatureEvaluation.single(Feature.MFCC, samples, sampleRate, 0, null);
  }

  /** Magic method called by generated code: {@code options} as {@code "n_fft=512, hop_length=160"}. */
  public static ArrayData invoke(ArrayData samples, int sampleRate, UTF8String options) {
    return FeatureEvaluation.single(Feature.MFCC, samples, sampleRate, 0, options);
  }

  /** Magic method called by generated code: {@code n_mfcc} coefficients, other parameters librosa's defaults. */
  public static ArrayData invoke(ArrayData samples, int sampleRate, int nMfcc) {
    return FeatureEvaluation.single(Feature.MFCC, samples, sampleRate, nMfcc, null);
  }

  /** Magic method called by generated code: {@code n_mfcc} coefficients and further options. */
  public static ArrayData invoke(ArrayData samples, int sampleRate, int nMfcc, UTF8String options) {
    return FeatureEvaluation.single(Feature.MFCC, samples, sampleRate, nMfcc, options);
  }
}
