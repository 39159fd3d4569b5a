package org.noodlevision.spark.sql;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.analysis.NoSuchFunctionException;
import org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException;
import org.apache.spark.sql.connector.catalog.FunctionCatalog;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

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
  private static final Map<String, UnboundFunction> FUNCTIONS = functions();
  private String name = "nv";

  @Override
  public void initialize(String name, CaseInsensitiveStringMap options) {
    this.name = name;
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
    return FUNCTIONS.keySet().stream().map(n -> Identifier.of(new String[0], n)).toArray(Identifier[]::new);
  }

  @Override
  public UnboundFunction loadFunction(Identifier ident) throws NoSuchFunctionException {
    UnboundFunction function = ident.namespace().length == 0 ? FUNCTIONS.get(ident.name().toLowerCase(java.util.Locale.ROOT)) : null;
    if (function == null) {
      throw new NoSuchFunctionException(ident);
    }
    return function;
  }

  private static Map<String, UnboundFunction> functions() {
    Map<String, UnboundFunction> m = new LinkedHashMap<>();
    m.put("spectrogram", new UnboundFeatureFunction("spectrogram", "abs(librosa.stft(y)), time-major",
        in -> new SpectrogramFunction(FunctionArguments.bind("spectrogram", in, false))));
    m.put("power_spectrogram", new UnboundFeatureFunction("power_spectrogram", "abs(librosa.stft(y))**2, time-major",
        in -> new PowerSpectrogramFunction(FunctionArguments.bind("power_spectrogram", in, false))));
    m.put("mel_spectrogram", new UnboundFeatureFunction("mel_spectrogram", "librosa.feature.melspectrogram",
        in -> new MelSpectrogramFunction(FunctionArguments.bind("mel_spectrogram", in, false))));
    m.put("log_mel_spectrogram", new UnboundFeatureFunction("log_mel_spectrogram",
        "librosa.power_to_db(melspectrogram)",
        in -> new LogMelSpectrogramFunction(FunctionArguments.bind("log_mel_spectrogram", in, false))));
    m.put("mfcc", new UnboundFeatureFunction("mfcc", "librosa.feature.mfcc",
        in -> new MfccFunction(FunctionArguments.bind("mfcc", in, true))));
    m.put("chroma", new UnboundFeatureFunction("chroma", "librosa.feature.chroma_stft",
        in -> new ChromaFunction(FunctionArguments.bind("chroma", in, false))));
    m.put(FeaturesFunction.NAME, new UnboundFeatureFunction(FeaturesFunction.NAME,
        "several features from one STFT pass, as a struct", FeaturesFunction::bind));
    m.put(DecodeAudioFunction.NAME, new UnboundFeatureFunction(DecodeAudioFunction.NAME,
        "decodes binaryFile content into a struct", DecodeAudioFunction::bind));
    return m;
  }
}
