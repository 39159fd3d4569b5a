package org.noodlevision.examples.extract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Parses and validates {@code extract}'s command line. Every mistake is an {@link InvalidParameterException} naming
 * the flag, the value and what is allowed, so the CLI can print it as one line.
 */
public final class ExtractArguments {
  /** The usage text printed by {@code extract --help}. */
  public static final String USAGE = String.join("\n",
      "Usage: noodlevision extract --input PATH [--input PATH ...] --output DIR [options]",
      "",
      "Computes librosa-exact audio features with Spark: one row per audio file (directories are searched",
      "recursively for .wav and .flac), written as Parquet or JSON lines.",
      "",
      "Inputs are read through Spark's audio source, on any Hadoop file system (local, hdfs://, s3a://, ...).",
      "",
      "Columns: path (the file's URI), sample_rate, channels, num_samples, duration_sec, error (null when the file decoded),",
      "then one array<array<float>> column per feature, time-major ([frame][bin], librosa's transpose).",
      "",
      "Options:",
      "  --input PATH          audio file, directory or glob (repeatable; at least one); a path that exists is",
      "                        taken literally, glob characters included",
      "  --output DIR          output directory (must not exist or be empty, unless --overwrite)",
      "  --format FMT          parquet (default) or json",
      "  --features LIST       comma-separated, from: spectrogram, power_spectrogram, mel_spectrogram,",
      "                        log_mel_spectrogram, mfcc, chroma",
      "                        (default: spectrogram,mel_spectrogram,log_mel_spectrogram,mfcc,chroma)",
      "  --n-fft N             FFT size (default 2048)",
      "  --hop-length N        hop in samples (default n_fft/4)",
      "  --win-length N        window length, <= n_fft (default n_fft)",
      "  --n-mels N            mel bands (default 128)",
      "  --n-mfcc N            MFCC coefficients (default 20)",
      "  --tuning X|auto       chroma tuning in fractions of a bin, [-0.5, 0.5), or auto (default: estimated)",
      "  --mode MODE           PERMISSIVE (default: bad files get a row with error set), DROPMALFORMED (skipped),",
      "                        FAILFAST (the job fails at the first bad file)",
      "  --master URL          Spark master (default local[*], or spark-submit's)",
      "  --conf KEY=VALUE      a Spark setting (repeatable)",
      "  --overwrite           replace an existing output directory",
      "  --help                this text",
      "",
      "Exit status: 0 on success; 2 for a bad command line; 1 when the job fails (one-line reason on stderr).");

  private static final String FLAGS = "--input, --output, --format, --features, --n-fft, --hop-length, "
      + "--win-length, --n-mels, --n-mfcc, --tuning, --mode, --master, --conf, --overwrite, --help";

  private ExtractArguments() {}

  /** True when the arguments ask for the usage text. */
  public static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses {@code args}.
   *
   * @throws InvalidParameterException naming the first bad flag
   */
  public static ExtractOptions parse(String[] args) {
    List<String> inputs = new ArrayList<>();
    String output = null;
    OutputFormat format = OutputFormat.PARQUET;
    List<Feature> features = ExtractOptions.DEFAULT_FEATURES;
    Map<String, String> params = new LinkedHashMap<>();
    ExtractMode mode = ExtractMode.PERMISSIVE;
    String master = null;
    Map<String, String> conf = new LinkedHashMap<>();
    boolean overwrite = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--overwrite")) {
        overwrite = true;
        continue;
      }
      if (!flag.startsWith("--")) {
        throw new InvalidParameterException("argument " + (i + 1), flag, "flags among " + FLAGS);
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new InvalidParameterException(flag, "(missing value)", "a value after " + flag);
      }
      String value = args[++i];
      switch (flag) {
        case "--input": inputs.add(value); break;
        case "--output": output = value; break;
        case "--format": format = OutputFormat.fromFlag(value); break;
        case "--features": features = parseFeatures(value); break;
        case "--n-fft": case "--hop-length": case "--win-length": case "--n-mels": case "--n-mfcc":
          params.put(flag.substring(2).replace('-', '_'), requireInteger(flag, value));
          break;
        case "--tuning": params.put("tuning", value); break;
        case "--mode": mode = ExtractMode.fromFlag(value); break;
        case "--master": master = value; break;
        case "--conf": putConf(conf, value); break;
        default: throw new InvalidParameterException(flag, value, "flags among " + FLAGS);
      }
    }
    if (inputs.isEmpty()) {
      throw new InvalidParameterException("--input", "(not given)", "one or more --input PATH (a file or directory)");
    }
    if (output == null || output.isBlank()) {
      throw new InvalidParameterException("--output", "(not given)", "an output directory");
    }
    validateParams(params);
    return new ExtractOptions(List.copyOf(inputs), output, format, features, params, mode, master, conf, overwrite);
  }

  /** Builds the feature parameters from librosa-named settings (librosa's defaults for the rest). */
  public static FeatureParams featureParams(Map<String, String> settings) {
    FeatureParams.Builder b = FeatureParams.builder();
    settings.forEach(b::set);
    return b.build();
  }

  private static List<Feature> parseFeatures(String value) {
    Set<Feature> out = new LinkedHashSet<>();
    for (String name : value.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        out.add(Feature.fromName(name));
      } catch (InvalidParameterException e) {
        throw new InvalidParameterException("--features", name.trim(), "a comma-separated list of spectrogram, "
            + "power_spectrogram, mel_spectrogram, log_mel_spectrogram, mfcc, chroma");
      }
    }
    if (out.isEmpty()) {
      throw new InvalidParameterException("--features", value, "at least one feature name");
    }
    return List.copyOf(out);
  }

  private static String requireInteger(String flag, String value) {
    try {
      Integer.parseInt(value.trim());
      return value.trim();
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(flag, value, "an integer");
    }
  }

  private static void putConf(Map<String, String> conf, String value) {
    int eq = value.indexOf('=');
    if (eq <= 0) {
      throw new InvalidParameterException("--conf", value, "KEY=VALUE, e.g. spark.sql.shuffle.partitions=8");
    }
    conf.put(value.substring(0, eq).trim(), value.substring(eq + 1));
  }

  /** Validates the parameters now, naming the flag rather than librosa's parameter in the message. */
  private static void validateParams(Map<String, String> params) {
    try {
      featureParams(params);
    } catch (InvalidParameterException e) {
      String flag = "--" + e.parameter().replace('_', '-');
      boolean isFlag = params.containsKey(e.parameter());
      throw new InvalidParameterException(isFlag ? flag : e.parameter(), params.getOrDefault(e.parameter(), ""),
          allowedPart(e.getMessage()));
    }
  }

  private static String allowedPart(String message) {
    int at = message.indexOf("Allowed: ");
    String allowed = at < 0 ? message : message.substring(at + "Allowed: ".length());
    return allowed.endsWith(".") ? allowed.substring(0, allowed.length() - 1) : allowed;
  }
}
