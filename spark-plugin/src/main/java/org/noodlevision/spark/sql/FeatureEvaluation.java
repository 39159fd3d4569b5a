package org.noodlevision.spark.sql;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.spark.compute.AudioFeatureComputer;
import org.noodlevision.spark.compute.CatalystArrays;
import org.noodlevision.spark.compute.FeatureOptions;
import org.noodlevision.spark.compute.RowTooLargeException;
import org.noodlevision.spark.compute.SparkRowLimit;

/**
 * The evaluation shared by every SQL and column function: Catalyst in, {@link AudioFeatureComputer}, Catalyst out.
 * Each computed row adds its frames (once per row, however many features one STFT pass gives) to the call's
 * {@code noodlevision.framesComputed} accumulator; a bad parameter fails with a
 * {@link FunctionParameterException} naming the function.
 */
final class FeatureEvaluation {
  private FeatureEvaluation() {}

  /**
   * One feature as {@code array<array<float>>}, or null for null samples. {@code nMfcc} is the function's
   * {@code n_mfcc} argument, null when the call has none (the options' value, or librosa's default, applies).
   */
  static ArrayData single(CallContext call, Feature feature, ArrayData samples, int sampleRate, Integer nMfcc,
      UTF8String options) {
    if (samples == null) {
      return null;
    }
    FeatureParams params = params(call, options, nMfcc);
    FeatureResult result = compute(call, samples, sampleRate, params, EnumSet.of(feature));
    return CatalystArrays.fromMatrix(result.get(feature));
  }

  /**
   * Several features from one STFT pass as a row with one {@code array<array<float>>} per {@link Feature} (in enum
   * order), null where not requested; null for null samples.
   */
  static InternalRow several(CallContext call, ArrayData samples, int sampleRate, UTF8String featureNames,
      UTF8String options) {
    if (samples == null) {
      return null;
    }
    Set<Feature> features = featureNames(call, featureNames);
    FeatureResult result = compute(call, samples, sampleRate, params(call, options, null), features);
    Feature[] all = Feature.values();
    GenericInternalRow row = new GenericInternalRow(all.length);
    for (int i = 0; i < all.length; i++) {
      if (features.contains(all[i])) {
        row.update(i, CatalystArrays.fromMatrix(result.get(all[i])));
      }
    }
    return row;
  }

  /**
   * The parameters of {@code options} ({@code "n_fft=512, hop_length=160"}, null or blank for librosa's defaults)
   * with {@code nMfcc} (when not null) as {@code n_mfcc}, validated.
   *
   * @throws FunctionParameterException naming the function, the parameter, the value and what is allowed
   */
  static FeatureParams params(CallContext call, UTF8String options, Integer nMfcc) {
    try {
      FeatureParams params = FeatureOptions.fromString(options == null ? "" : options.toString());
      return nMfcc == null || nMfcc == params.nMfcc() ? params : params.toBuilder().nMfcc(nMfcc).build();
    } catch (InvalidParameterException e) {
      throw call.named(e);
    }
  }

  /** The features named in {@code names} ({@code "mfcc, chroma"}; null or blank: all), validated. */
  static Set<Feature> featureNames(CallContext call, UTF8String names) {
    try {
      return FeatureNames.parse(names == null ? null : names.toString());
    } catch (InvalidParameterException e) {
      throw call.named(e);
    }
  }

  private static FeatureResult compute(CallContext call, ArrayData samples, int sampleRate, FeatureParams params,
      Set<Feature> features) {
    FeatureResult result;
    try {
      result = AudioFeatureComputer.compute(CatalystArrays.toSamples(samples, "samples"), sampleRate, params,
          features);
    } catch (InvalidParameterException e) {
      throw call.named(e);
    }
    call.countFrames(result.numFrames());
    checkRowSize(call, result, features, samples.numElements(), sampleRate);
    return result;
  }

  /**
   * Refuses a result whose features, as Catalyst arrays, would exceed the executor's row limit: Spark copies the
   * value whole (and grows its row buffer by doubling), so a long clip's features would end the executor.
   *
   * @throws RowTooLargeException naming the function, the clip's length, the size and the limit
   */
  private static void checkRowSize(CallContext call, FeatureResult result, Set<Feature> features, long samples,
      int sampleRate) {
    long bytes = SparkRowLimit.featureRowBytes(features.stream().map(result::get).toList());
    long limit = SparkRowLimit.forThisExecutor();
    if (bytes > limit) {
      throw new RowTooLargeException(String.format(Locale.ROOT, "%s: the features of a %.1f s clip (%d frames)",
          call.name(), (double) samples / sampleRate, result.numFrames()), bytes, limit,
          "Compute features of long clips with bin/noodlevision extract (its native Parquet writer has no such "
          + "limit), ask for fewer features or a larger hop_length, raise the setting or the executors' memory, "
          + "or skip long clips with the audio source's option maxDurationSec");
    }
  }
}
