package org.noodlevision.spark.sql;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.spark.compute.AudioFeatureComputer;
import org.noodlevision.spark.compute.CatalystArrays;
import org.noodlevision.spark.compute.FeatureOptions;

/** The evaluation shared by every SQL and column function: Catalyst in, {@link AudioFeatureComputer}, Catalyst out. */
final class FeatureEvaluation {
  private FeatureEvaluation() {}

  /** One feature as {@code array<array<float>>}, or null for null samples. */
  static ArrayData single(Feature feature, ArrayData samples, int sampleRate, int nMfcc, UTF8String options) {
    if (samples == null) {
      return null;
    }
    FeatureParams params = params(options, nMfcc);
    FeatureResult result = AudioFeatureComputer.compute(CatalystArrays.toSamples(samples, "samples"), sampleRate,
        params, EnumSet.of(feature));
    return CatalystArrays.fromMatrix(result.get(feature));
  }

  /**
   * Several features from one STFT pass as a row with one {@code array<array<float>>} per {@link Feature} (in enum
   * order), null where not requested; null for null samples.
   */
  static InternalRow several(ArrayData samples, int sampleRate, UTF8String featureNames, UTF8String options) {
    if (samples == null) {
      return null;
    }
    Set<Feature> features = FeatureNames.parse(featureNames == null ? null : featureNames.toString());
    FeatureResult result = AudioFeatureComputer.compute(CatalystArrays.toSamples(samples, "samples"), sampleRate,
        params(options, 0), features);
    Feature[] all = Feature.values();
    GenericInternalRow row = new GenericInternalRow(all.length);
    for (int i = 0; i < all.length; i++) {
      if (features.contains(all[i])) {
        row.update(i, CatalystArrays.fromMatrix(result.get(all[i])));
      }
    }
    return row;
  }

  private static FeatureParams params(UTF8String options, int nMfcc) {
    FeatureParams params = FeatureOptions.fromString(options == null ? "" : options.toString());
    return nMfcc > 0 && nMfcc != params.nMfcc() ? params.toBuilder().nMfcc(nMfcc).build() : params;
  }
}
