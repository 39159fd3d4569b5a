package org.noodlevision.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.compute.FeatureOptions;
import org.noodlevision.spark.internal.SparkCompat;
import org.noodlevision.spark.sql.DecodeAudioFunction;
import org.noodlevision.spark.sql.FeatureFunctions;
import org.noodlevision.spark.sql.FeaturesFunction;

/**
 * Column functions for Java and Scala. Each feature comes out as {@code array<array<float>>}, time-major
 * ({@code [frame][bin]}, the transpose of librosa's arrays). {@code samples} is an {@code array<float>} column (the
 * {@code samples} of the {@code audio} source), {@code sampleRate} an int column; {@code options} maps the engine's
 * parameter names ({@code n_fft}, {@code hop_length}, {@code win_length}, {@code n_mels}, {@code n_mfcc},
 * {@code tuning}, ...) to values, librosa's defaults for those not given.
 *
 * <p>These run the same {@link ScalarFunction}s as the SQL functions of
 * {@link org.noodlevision.spark.sql.AudioFunctionCatalog}, without registering a catalog.
 */
public final class AudioFunctions {
  private static final DataType SAMPLES = DataTypes.createArrayType(DataTypes.FloatType, true);
  private static final DataType[] WITH_OPTIONS = {SAMPLES, DataTypes.IntegerType, DataTypes.StringType};

  private AudioFunctions() {}

  /** {@code abs(librosa.stft(y))}: {@code [frame][1 + n_fft/2]}. */
  public static Column spectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.SPECTROGRAM, samples, sampleRate, options);
  }

  /** {@link #spectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column spectrogram(Column samples, Column sampleRate) {
    return spectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code abs(librosa.stft(y))**2}: {@code [frame][1 + n_fft/2]}. */
  public static Column powerSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.POWER_SPECTROGRAM, samples, sampleRate, options);
  }

  /** {@code librosa.feature.melspectrogram}: {@code [frame][n_mels]}. */
  public static Column melSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.MEL_SPECTROGRAM, samples, sampleRate, options);
  }

  /** {@link #melSpectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column melSpectrogram(Column samples, Column sampleRate) {
    return melSpectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code librosa.power_to_db(melspectrogram)}: {@code [frame][n_mels]} in dB. */
  public static Column logMelSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.LOG_MEL_SPECTROGRAM, samples, sampleRate, options);
  }

  /** {@link #logMelSpectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column logMelSpectrogram(Column samples, Column sampleRate) {
    return logMelSpectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code librosa.feature.mfcc}: {@code [frame][n_mfcc]}. */
  public static Column mfcc(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.MFCC, samples, sampleRate, options);
  }

  /** {@code librosa.feature.mfcc(n_mfcc=nMfcc)}, other parameters librosa's defaults. */
  public static Column mfcc(Column samples, Column sampleRate, int nMfcc) {
    return mfcc(samples, sampleRate, Map.of("n_mfcc", Integer.toString(nMfcc)));
  }

  /** {@code librosa.feature.chroma_stft}: {@code [frame][n_chroma]}. */
  public static Column chroma(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.CHROMA, samples, sampleRate, options);
  }

  /** {@link #chroma(Column, Column, Map)} with librosa's defaults (tuning estimated per clip). */
  public static Column chroma(Column samples, Column sampleRate) {
    return chroma(samples, sampleRate, Collections.emptyMap());
  }

  /**
   * Several features from one STFT pass, as a struct with one {@code array<array<float>>} field per name, named
   * as given ({@code spectrogram}, {@code power_spectrogram}, {@code mel_spectrogram}, {@code log_mel_spectrogram},
   * {@code mfcc}, {@code chroma}).
   */
  public static Column features(Column samples, Column sampleRate, List<String> featureNames,
      Map<String, String> options) {
    List<Feature> requested = new ArrayList<>();
    for (String name : featureNames) {
      Feature f = Feature.fromName(name);
      if (!requested.contains(f)) {
        requested.add(f);
      }
    }
    String names = String.join(",", featureNames);
    DataType[] types = {SAMPLES, DataTypes.IntegerType, DataTypes.StringType, DataTypes.StringType};
    FeaturesFunction fn = new FeaturesFunction(types, requested.toArray(new Feature[0]));
    return apply(fn, samples, sampleRate, functions.lit(names), functions.lit(optionString(options)));
  }

  /** {@link #features(Column, Column, List, Map)} with an array of names. */
  public static Column features(Column samples, Column sampleRate, String[] featureNames,
      Map<String, String> options) {
    return features(samples, sampleRate, Arrays.asList(featureNames), options);
  }

  /**
   * Decodes the {@code content} column of Spark's {@code binaryFile} source into a struct with {@code format},
   * {@code sample_rate}, {@code channels}, {@code num_samples}, {@code duration_sec}, {@code samples} and
   * {@code error} (the reason when the bytes cannot be decoded; the other fields are then null).
   */
  public static Column decodeAudio(Column content, Column path) {
    return apply(new DecodeAudioFunction(true), content, path);
  }

  /** {@link #decodeAudio(Column, Column)} without a path for error messages. */
  public static Column decodeAudio(Column content) {
    return apply(new DecodeAudioFunction(false), content);
  }

  private static Column feature(Feature feature, Column samples, Column sampleRate, Map<String, String> options) {
    String text = optionString(options);
    FeatureOptions.fromString(text); // validates names and values on the driver, before any task runs
    return apply(FeatureFunctions.forFeature(feature, WITH_OPTIONS), samples, sampleRate, functions.lit(text));
  }

  private static String optionString(Map<String, String> options) {
    return FeatureOptions.toOptionString(options == null ? Collections.emptyMap() : options);
  }

  private static Column apply(ScalarFunction<?> function, Column... args) {
    return SparkCompat.applyFunction(function, args);
  }

}
