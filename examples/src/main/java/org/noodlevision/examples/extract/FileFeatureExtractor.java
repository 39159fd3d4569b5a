package org.noodlevision.examples.extract;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
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

  /**
   * Files declaring more samples than this (8 Mi: 32 MiB of float32, about 6 minutes at 22.05 kHz) are computed by
   * streaming instead of being decoded whole and batched.
   */
  public static final long STREAMING_THRESHOLD_SAMPLES = 1L << 23;

  private final Map<String, String> paramSettings;
  private final List<Feature> features;
  private final long streamingThresholdSamples;
  private transient FeatureParams params;

  /**
   * @param paramSettings feature parameters by librosa name (validated by {@link ExtractArguments})
   * @param features the features to compute
   */
  public FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features) {
    this(paramSettings, features, STREAMING_THRESHOLD_SAMPLES);
  }

  FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features, long streamingThresholdSamples) {
    this.paramSettings = new LinkedHashMap<>(paramSettings);
    this.features = List.copyOf(features);
    this.streamingThresholdSamples = streamingThresholdSamples;
  }

  /** Decodes {@code path} and computes the features. */
  public ExtractedFile extract(String path) {
    Decoded d = decode(path);
    if (d.finished() != null) {
      return d.finished();
    }
    try {
      return withFeatures(path, d.audio(), AudioFeatureComputer.compute(d.audio().samples(),
          d.audio().sampleRate(), params(), featureSet()));
    } catch (NoodleVisionException e) {
      return failed(path, e.getMessage(), e);
    }
  }

  /**
   * A decoded file ready for (batched) computation, or, when {@code finished} is set, a file that needs none: it
   * did not decode, or it was long and has already been computed by streaming.
   */
  public record Decoded(String path, DecodedAudio audio, ExtractedFile finished) {}

  /**
   * Decodes {@code path} into memory when its header declares at most {@link #STREAMING_THRESHOLD_SAMPLES}
   * samples. A longer file, or one of undeclared length, is never held whole: its features are computed right away
   * from a re-opened stream ({@link AudioFeatureComputer#compute(Supplier, FeatureParams, Set)}), so executor memory
   * bounds the working set, not the file; only the outputs grow with it.
   */
  public Decoded decode(String path) {
    Path file = Paths.get(path);
    long declared;
    try (AudioStream header = AudioDecoders.open(file)) {
      declared = header.declaredNumSamples();
    } catch (AudioDecodeException e) {
      return new Decoded(path, null, failed(path, e.reason(), e));
    }
    if (declared < 0 || declared > streamingThresholdSamples) {
      return new Decoded(path, null, extractStreaming(path, file));
    }
    try {
      return new Decoded(path, AudioDecoders.decode(file), null);
    } catch (AudioDecodeException e) {
      return new Decoded(path, null, failed(path, e.reason(), e));
    }
  }

  private ExtractedFile extractStreaming(String path, Path file) {
    CountingAudioStream[] last = new CountingAudioStream[1];
    try {
      FeatureResult result = AudioFeatureComputer.compute(() -> {
        last[0] = new CountingAudioStream(AudioDecoders.open(file));
        return last[0];
      }, params(), featureSet());
      CountingAudioStream s = last[0];
      int sampleRate = s.sampleRate();
      return new ExtractedFile(path, sampleRate, s.channels(), s.samplesRead(), (double) s.samplesRead() / sampleRate,
          null, null, result.features());
    } catch (AudioDecodeException e) {
      return failed(path, e.reason(), e);
    } catch (NoodleVisionException e) {
      return failed(path, e.getMessage(), e);
    }
  }

  /** The result of a decoded file and its computed features. */
  public ExtractedFile withFeatures(String path, DecodedAudio audio, FeatureResult result) {
    return new ExtractedFile(path, audio.sampleRate(), audio.channels(), audio.numSamples(),
        audio.durationSeconds(), null, null, result.features());
  }

  /** The result of a file whose features could not be computed ({@code e} says why). */
  public ExtractedFile computeFailed(String path, NoodleVisionException e) {
    return failed(path, e.getMessage(), e);
  }

  /** The feature parameters (rebuilt from their settings on each executor). */
  public FeatureParams params() {
    if (params == null) {
      params = ExtractArguments.featureParams(paramSettings);
    }
    return params;
  }

  /** The features to compute. */
  public Set<Feature> featureSet() {
    return EnumSet.copyOf(features);
  }

  private static ExtractedFile failed(String path, String reason, RuntimeException e) {
    return new ExtractedFile(path, null, null, null, null, reason, e, Map.of());
  }
}
