package org.noodlevision.examples.extract;

import java.util.List;
import java.util.Map;
import org.noodlevision.audio.features.Feature;

/**
 * The validated command line of {@code extract} (see {@link ExtractArguments}).
 *
 * @param inputs files, directories (searched recursively for .wav and .flac) or globs, as given (see
 *     {@link ExtractInputs})
 * @param output the output directory; must not exist or be empty unless {@code overwrite}
 * @param format parquet or json
 * @param features the feature columns, in the order given
 * @param paramSettings feature parameters set on the command line, by librosa name (e.g. {@code n_fft -> 512});
 *     the others keep librosa's defaults. Already validated.
 * @param mode what to do with a bad file
 * @param master the Spark master, or null for spark-submit's or {@code local[*]}
 * @param sparkConf extra Spark settings from {@code --conf KEY=VALUE}, in the order given
 * @param overwrite replace an existing output directory
 */
public record ExtractOptions(List<String> inputs, String output, OutputFormat format, List<Feature> features,
    Map<String, String> paramSettings, ExtractMode mode, String master, Map<String, String> sparkConf,
    boolean overwrite) {
  /** The features computed when {@code --features} is not given. */
  public static final List<Feature> DEFAULT_FEATURES = List.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
      Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA);
}
