package org.noodlevision.examples.extract;

import java.io.Serializable;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.spark.compute.AudioFeatureComputer;

/**
 * The per-file work of {@code extract}: decode one file with {@link AudioDecoders} and compute its features through
 * the plugin's single compute entry point, {@link AudioFeatureComputer} (this thread's cached
 * {@code FeaturePipeline}, timed as the executor's {@code featureComputation} metric). Uses no Spark API. A file that cannot be decoded or computed (a typed
 * {@link NoodleVisionException}) gives a result carrying the reason; anything else is a bug and propagates.
 *
 * <p>Serializable (it travels to the executors); the parameters are rebuilt there from their settings.
 */
public final class FileFeatureExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> paramSettings;
  private final List<Feature> features;
  private transient FeatureParams params;

  /**
   * @param paramSettings feature parameters by librosa name (validated by {@link ExtractArguments})
   * @param features the features to compute
   */
  public FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features) {
    this.paramSettings = new LinkedHashMap<>(paramSettings);
    this.features = List.copyOf(features);
  }

  /** Decodes {@code path} and computes the features. */
  public ExtractedFile extract(String path) {
    DecodedAudio audio;
    try {
      audio = AudioDecoders.decode(Paths.get(path));
    } catch (AudioDecodeException e) {
      return failed(path, e.reason(), e);
    }
    try {
      FeatureResult result = AudioFeatureComputer.compute(audio.samples(), audio.sampleRate(), params(),
          EnumSet.copyOf(features));
      return new ExtractedFile(path, audio.sampleRate(), audio.channels(), audio.numSamples(),
          audio.durationSeconds(), null, null, result.features());
    } catch (NoodleVisionException e) {
      return failed(path, e.getMessage(), e);
    }
  }

  private FeatureParams params() {
    if (params == null) {
      params = ExtractArguments.featureParams(paramSettings);
    }
    return params;
  }

  private static ExtractedFile failed(String path, String reason, RuntimeException e) {
    return new ExtractedFile(path, null, null, null, null, reason, e, Map.of());
  }
}
