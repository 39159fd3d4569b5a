package org.noodlevision.spark.sql;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;

/**
 * Bound feature functions for given argument types, for callers outside the catalog (the column functions). Call on
 * the driver: each function captures the active session's accumulators ({@code noodlevision.framesComputed}).
 */
public final class FeatureFunctions {
  private FeatureFunctions() {}

  /**
   * The function computing {@code feature} over {@code inputTypes}: {@code (array<float>, int [, string])}, or for
   * MFCC also {@code (array<float>, int, int [, string])}. {@code calledAs} names it in error messages, e.g.
   * {@code AudioFunctions.mfcc}.
   */
  public static FeatureFunction forFeature(Feature feature, DataType[] inputTypes, String calledAs) {
    StructType struct = new StructType();
    for (int i = 0; i < inputTypes.length; i++) {
      struct = struct.add("arg" + i, inputTypes[i]);
    }
    FunctionArguments args = FunctionArguments.bind(feature.featureName(), struct, feature == Feature.MFCC);
    return create(feature, args, CallContext.of(calledAs));
  }

  /**
   * The function computing several features in one STFT pass over {@code (array<float>, int, string names
   * [, string options])}, returning a struct with a field per name of {@code featureNames}, in that order (without
   * repeats; every feature, in {@link Feature}'s order, for an empty list). {@code calledAs} names it in error
   * messages, e.g. {@code AudioFunctions.features}.
   *
   * @throws FunctionParameterException when a name is not a feature's
   */
  public static FeaturesFunction forFeatures(DataType[] inputTypes, List<String> featureNames, String calledAs) {
    CallContext call = CallContext.of(calledAs);
    Set<Feature> requested = new LinkedHashSet<>();
    for (String name : featureNames) {
      if (name == null || name.isBlank()) {
        throw call.named(new InvalidParameterException("features", featureNames,
            "feature names, none empty, among " + FeatureNames.ALL));
      }
      requested.addAll(FeatureEvaluation.featureNames(call, UTF8String.fromString(name)));
    }
    Feature[] output = requested.isEmpty() ? Feature.values() : requested.toArray(new Feature[0]);
    return new FeaturesFunction(inputTypes, output, call);
  }

  static FeatureFunction create(Feature feature, FunctionArguments args, CallContext call) {
    switch (feature) {
      case SPECTROGRAM: return new SpectrogramFunction(args, call);
      case POWER_SPECTROGRAM: return new PowerSpectrogramFunction(args, call);
      case MEL_SPECTROGRAM: return new MelSpectrogramFunction(args, call);
      case LOG_MEL_SPECTROGRAM: return new LogMelSpectrogramFunction(args, call);
      case MFCC: return new MfccFunction(args, call);
      case CHROMA: return new ChromaFunction(args, call);
      default: throw new IllegalArgumentException("No function for feature " + feature);
    }
  }
}
