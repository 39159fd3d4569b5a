package org.noodlevision.spark.sql;

import org.apache.spark.sql.types.DataType;
import org.noodlevision.audio.features.Feature;

/** Bound feature functions for given argument types, for callers outside the catalog (the column functions). */
public final class FeatureFunctions {
  private FeatureFunctions() {}

  /**
   * The function computing {@code feature} over {@code inputTypes}: {@code (array<float>, int [, string])}, or for
   * MFCC also {@code (array<float>, int, int [, string])}.
   */
  public static FeatureFunction forFeature(Feature feature, DataType[] inputTypes) {
    org.apache.spark.sql.types.StructType struct = new org.apache.spark.sql.types.StructType();
    for (int i = 0; i < inputTypes.length; i++) {
      struct = struct.add("arg" + i, inputTypes[i]);
    }
    FunctionArguments args = FunctionArguments.bind(feature.featureName(), struct, feature == Feature.MFCC);
    switch (feature) {
      case SPECTROGRAM: return new SpectrogramFunction(args);
      case POWER_SPECTROGRAM: return new PowerSpectrogramFunction(args);
      case MEL_SPECTROGRAM: return new MelSpectrogramFunction(args);
      case LOG_MEL_SPECTROGRAM: return new LogMelSpectrogramFunction(args);
      case MFCC: return new MfccFunction(args);
      case CHROMA: return new ChromaFunction(args);
      default: throw new IllegalArgumentException("No function for feature " + feature);
    }
  }
}
