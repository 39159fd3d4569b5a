package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;

/** SQL {@code mfcc(samples, sample_rate [, n_mfcc] [, options])}: {@link Feature#MFCC}, time-major {@code array<array<float>>}. */
public final class MfccFunction extends FeatureFunction {
  private static final long serialVersionUID = 2L;

  MfccFunction(FunctionArguments arguments, CallContext call) {
    super(Feature.MFCC, arguments, call);
  }

  /** Magic method called by generated code: librosa's defaults. */
  public ArrayData invoke(ArrayData samples, int sampleRate) {
    return evaluate(samples, sampleRate, null, null);
  }

  /** Magic method called by generated code: {@code options} as {@code "n_fft=512, hop_length=160"}. */
  public ArrayData invoke(ArrayData samples, int sampleRate, UTF8String options) {
    return evaluate(samples, sampleRate, null, options);
  }

  /** Magic method called by generated code: {@code n_mfcc} coefficients (at least 1), other parameters librosa's defaults. */
  public ArrayData invoke(ArrayData samples, int sampleRate, int nMfcc) {
    return evaluate(samples, sampleRate, nMfcc, null);
  }

  /** Magic method called by generated code: {@code n_mfcc} coefficients and further options. */
  public ArrayData invoke(ArrayData samples, int sampleRate, int nMfcc, UTF8String options) {
    return evaluate(samples, sampleRate, nMfcc, options);
  }
}
