package org.noodlevision.spark;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.compute.FeatureOptions;
import org.noodlevision.spark.internal.SparkCompat;
import org.noodlevision.spark.sql.DecodeAudioFunction;
import org.noodlevision.spark.sql.FeatureFunction;
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
 *
 * <p>Options and feature names are validated when the column is built, on the driver, before any job runs: a bad
 * one throws {@link org.noodlevision.spark.sql.FunctionParameterException} (an
 * {@link org.noodlevision.InvalidParameterException}) naming the function ({@code AudioFunctions.mfcc}), the
 * parameter, the value and what is allowed. Only what depends on a row (the sample rate, {@code fmax} above its
 * Nyquist frequency) is checked by the tasks. Build columns with a SparkSession active: the functions capture its
 * accumulators, and each row computed by a task adds its frames to {@code noodlevision.framesComputed}
 * ({@code decodeAudio}: its seconds to {@code noodlevision.audioSecondsProcessed}, undecodable bytes to
 * {@code noodlevision.filesFailed}).
 */
public final class AudioFunctions {
  private static final DataType SAMPLES = DataTypes.createArrayType(DataTypes.FloatType, true);
  private static final DataType[] WITH_OPTIONS = {SAMPLES, DataTypes.IntegerType, DataTypes.StringType};
  private static final DataType[] WITH_NAMES_AND_OPTIONS =
      {SAMPLES, DataTypes.IntegerType, DataTypes.StringType, DataTypes.StringType};
  /** How the functions are named in error messages: {@code AudioFunctions.mfcc}. */
  private static final String CALLED_AS = "AudioFunctions.";

  private AudioFunctions() {}

  /** {@code abs(librosa.stft(y))}: {@code [frame][1 + n_fft/2]}. */
  public static Column spectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.SPECTROGRAM, "spectrogram", samples, sampleRate, options);
  }

  /** {@link #spectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column spectrogram(Column samples, Column sampleRate) {
    return spectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code abs(librosa.stft(y))**2}: {@code [frame][1 + n_fft/2]}. */
  public static Column powerSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.POWER_SPECTROGRAM, "powerSpectrogram", samples, sampleRate, options);
  }

  /** {@code librosa.feature.melspectrogram}: {@code [frame][n_mels]}. */
  public static Column melSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.MEL_SPECTROGRAM, "melSpectrogram", samples, sampleRate, options);
  }

  /** {@link #melSpectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column melSpectrogram(Column samples, Column sampleRate) {
    return melSpectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code librosa.power_to_db(melspectrogram)}: {@code [frame][n_mels]} in dB. */
  public static Column logMelSpectrogram(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.LOG_MEL_SPECTROGRAM, "logMelSpectrogram", samples, sampleRate, options);
  }

  /** {@link #logMelSpectrogram(Column, Column, Map)} with librosa's defaults. */
  public static Column logMelSpectrogram(Column samples, Column sampleRate) {
    return logMelSpectrogram(samples, sampleRate, Collections.emptyMap());
  }

  /** {@code librosa.feature.mfcc}: {@code [frame][n_mfcc]}. */
  public static Column mfcc(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.MFCC, "mfcc", samples, sampleRate, options);
  }

  /** {@code librosa.feature.mfcc(n_mfcc=nMfcc)}, other parameters librosa's defaults. */
  public static Column mfcc(Column samples, Column sampleRate, int nMfcc) {
    return mfcc(samples, sampleRate, Map.of("n_mfcc", Integer.toString(nMfcc)));
  }

  /** {@code librosa.feature.chroma_stft}: {@code [frame][n_chroma]}. */
  public static Column chroma(Column samples, Column sampleRate, Map<String, String> options) {
    return feature(Feature.CHROMA, "chroma", samples, sampleRate, options);
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
    String names = String.join(",", featureNames);
    String text = optionString(options);
    FeaturesFunction fn = FeatureFunctions.forFeatures(WITH_NAMES_AND_OPTIONS, featureNames, CALLED_AS + "features");
    fn.checkLiterals(new Object[] {null, null, UTF8String.fromString(names), UTF8String.fromString(text)});
    return apply(fn, samples, sampleRate, functions.lit(names), functions.lit(text));
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
    return apply(new DecodeAudioFunction(true, CALLED_AS + "decodeAudio"), content, path);
  }

  /** {@link #decodeAudio(Column, Column)} without a path for error messages. */
  public static Column decodeAudio(Column content) {
    return apply(new DecodeAudioFunction(false, CALLED_AS + "decodeAudio"), content);
  }

  /** The column of {@code feature}, its options validated here, on the driver, before any job runs. */
  private static Column feature(Feature feature, String method, Column samples, Column sampleRate,
      Map<String, String> options) {
    String text = optionString(options);
    FeatureFunction fn = FeatureFunctions.forFeature(feature, WITH_OPTIONS, CALLED_AS + method);
    fn.checkLiterals(new Object[] {null, null, UTF8String.fromString(text)});
    return apply(fn, samples, sampleRate, functions.lit(text));
  }

  private static String optionString(Map<String, String> options) {
    return FeatureOptions.toOptionString(options == null ? Collections.emptyMap() : options);
  }

  private static Column apply(ScalarFunction<?> function, Column... args) {
    return SparkCompat.applyFunction(function, args);
  }

}
