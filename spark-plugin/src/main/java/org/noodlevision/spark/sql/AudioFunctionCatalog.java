package org.noodlevision.spark.sql;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.noodlevision.audio.features.Feature;

/**
 * NoodleVision's SQL functions as a DataSource V2 catalog. Register it under any name, e.g.
 * {@code spark.sql.catalog.nv=org.noodlevision.spark.sql.AudioFunctionCatalog}, then
 * {@code SELECT nv.mfcc(samples, sample_rate, 13) FROM ...}. Functions: {@code spectrogram},
 * {@code power_spectrogram}, {@code mel_spectrogram}, {@code log_mel_spectrogram}, {@code chroma}
 * ({@code (samples, sample_rate [, options])}), {@code mfcc} ({@code (samples, sample_rate [, n_mfcc] [, options])})
 * and {@code features} ({@code (samples, sample_rate, 'mfcc, chroma' [, options])}, a struct);
 * {@code decode_audio(content [, path])} decodes Spark's {@code binaryFile} content. Options are
 * {@code "name=value"} pairs with the engine's parameter names, e.g. {@code 'n_fft=512, hop_length=160'}.
 */
public final class AudioFunctionCatalog implements FunctionCatalog {
  private String name = "nv";
  private Map<String, UnboundFunction> functions = functions(name);

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
    this.functions = functions(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Identifier[] listFunctions(String[] namespace) throws NoSuchNamespaceException {
    if (namespace.length != 0) {
      throw new NoSuchNamespaceException(namespace);
    }
    return functions.keySet().stream().map(n -> Identifier.of(new String[0], n)).toArray(Identifier[]::new);
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    UnboundFunction function = ident.namespace().length == 0
        ? functions.get(ident.name().toLowerCase(Locale.ROOT)) : null;
    if (function == null) {
      throw new NoSuchFunctionException(ident);
    }
    return function;
  }

  /** The functions of a catalog registered as {@code catalog} (their name in messages: {@code nv.mfcc}). */
  private static Map<String, UnboundFunction> functions(String catalog) {
    Map<String, UnboundFunction> m = new LinkedHashMap<>();
    single(m, catalog, Feature.SPECTROGRAM, "abs(librosa.stft(y)), time-major");
    single(m, catalog, Feature.POWER_SPECTROGRAM, "abs(librosa.stft(y))**2, time-major");
    single(m, catalog, Feature.MEL_SPECTROGRAM, "librosa.feature.melspectrogram");
    single(m, catalog, Feature.LOG_MEL_SPECTROGRAM, "librosa.power_to_db(melspectrogram)");
    single(m, catalog, Feature.MFCC, "librosa.feature.mfcc");
    single(m, catalog, Feature.CHROMA, "librosa.feature.chroma_stft");
    m.put(FeaturesFunction.NAME, new UnboundFeatureFunction(catalog, FeaturesFunction.NAME,
        "several features from one STFT pass, as a struct", FeaturesFunction::bind));
    m.put(DecodeAudioFunction.NAME, new UnboundFeatureFunction(catalog, DecodeAudioFunction.NAME,
        "decodes binaryFile content into a struct", DecodeAudioFunction::bind));
    return m;
  }

  private static void single(Map<String, UnboundFunction> m, String catalog, Feature feature, String description) {
    String fn = feature.featureName();
    m.put(fn, new UnboundFeatureFunction(catalog, fn, description, (in, call) ->
        FeatureFunctions.create(feature, FunctionArguments.bind(fn, in, feature == Feature.MFCC), call)));
  }
}
