package org.noodlevision.audio.ops;

import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/** {@code librosa.feature.mfcc}: {@code [frame][n_mfcc]}. Thread-safe. */
public final class MfccOperator extends FeatureOperator {
  /** librosa's defaults with {@code nMfcc} coefficients (e.g. 13). */
  public MfccOperator(int nMfcc) {
    this(FeatureParams.defaults().toBuilder().nMfcc(nMfcc).build());
  }

  public MfccOperator(FeatureParams params) {
    super(params, Feature.MFCC);
  }
}
