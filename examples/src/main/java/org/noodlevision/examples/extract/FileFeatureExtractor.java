package org.noodlevision.examples.extract;

import java.io.Serializable;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.spark.compute.AudioFeatureComputer;
import org.noodlevision.spark.compute.AudioFileDecoder;

/**
 * The per-file work of {@code extract}: decode one file and compute its features through the plugin's single compute
 * entry point, {@link AudioFeatureComputer} (this thread's cached {@code FeaturePipeline}, timed as the executor's
 * {@code featureComputation} metric). Files are opened by Hadoop path through {@link AudioFileDecoder}, as the
 * {@code audio} source opens them: local files ({@code file:} or no scheme) directly, any other file system (HDFS,
 * S3, ...) through Hadoop's {@code FileSystem} with the configuration {@link HadoopConfSource} gives. Uses no Spark
 * API. A file that cannot be decoded or computed (a typed {@link NoodleVisionException}) gives a result carrying the
 * reason; anything else is a bug and propagates.
 *
 * <p>Serializable (it travels to the executors); the parameters and configuration are rebuilt there.
 */
public final class FileFeatureExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Files declaring more samples than this (8 Mi: 32 MiB of float32, about 6 minutes at 22.05 kHz) are computed by
   * streaming instead of being decoded whole and batched.
   */
  public static final long STREAMING_THRESHOLD_SAMPLES = 1L << 23;

  /** Where an executor gets the Hadoop configuration to open files with (e.g. from a broadcast). */
  @FunctionalInterface
  public interface HadoopConfSource extends Serializable {
    /** The configuration; called once per executor-side copy of the extractor. */
    Configuration get();
  }

  private final Map<String, String> paramSettings;
  private final List<Feature> features;
  private final long streamingThresholdSamples;
  private final HadoopConfSource hadoopConfSource;
  private transient FeatureParams params;
  private transient Configuration hadoopConf;

  /**
   * An extractor opening files with a default Hadoop configuration (the {@code *-site.xml} files on the classpath).
   *
   * @param paramSettings feature parameters by librosa name (validated by {@link ExtractArguments})
   * @param features the features to compute
   */
  public FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features) {
    this(paramSettings, features, Configuration::new);
  }

  /**
   * @param paramSettings feature parameters by librosa name (validated by {@link ExtractArguments})
   * @param features the features to compute
   * @param hadoopConfSource the Hadoop configuration files of other file systems are opened with
   */
  public FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features,
                              HadoopConfSource hadoopConfSource) {
    this(paramSettings, features, hadoopConfSource, STREAMING_THRESHOLD_SAMPLES);
  }

  FileFeatureExtractor(Map<String, String> paramSettings, List<Feature> features, HadoopConfSource hadoopConfSource,
                       long streamingThresholdSamples) {
    this.paramSettings = new LinkedHashMap<>(paramSettings);
    this.features = List.copyOf(features);
    this.hadoopConfSource = hadoopConfSource;
    this.streamingThresholdSamples = streamingThresholdSamples;
  }

  /** Reads the header of {@code path} and decodes and computes the file (without Spark: tests, single files). */
  public ExtractedFile extract(String path) {
    Decoded d = decode(scan(path));
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
   * What the {@code audio} source's header-only scan gives for {@code path}, read here without Spark: the declared
   * length, or the header's error.
   */
  public ScannedFile scan(String path) {
    try (AudioStream header = AudioFileDecoder.open(path, hadoopConf())) {
      return new ScannedFile(path, header.declaredNumSamples(), null);
    } catch (AudioDecodeException e) {
      return new ScannedFile(path, -1, e.reason());
    }
  }

  /**
   * Decodes a scanned file into memory when its header declares at most {@link #STREAMING_THRESHOLD_SAMPLES}
   * samples. A longer file, or one of undeclared length, is never held whole: its features are computed right away
   * from a re-opened stream ({@link AudioFeatureComputer#compute(Supplier, FeatureParams, Set)}), so executor memory
   * bounds the working set, not the file; only the outputs grow with it. A file whose header failed in the scan gives
   * its error row ({@link ExtractedFile#failedAfterScan()} false: the scan counted it).
   */
  public Decoded decode(ScannedFile file) {
    String path = file.path();
    if (file.error() != null) {
      return new Decoded(path, null, new ExtractedFile(path, null, null, null, null, file.error(), null, Map.of()));
    }
    long declared = file.declaredNumSamples();
    if (declared < 0 || declared > streamingThresholdSamples) {
      return new Decoded(path, null, extractStreaming(path));
    }
    try {
      return new Decoded(path, AudioFileDecoder.decodeFile(path, hadoopConf()), null);
    } catch (AudioDecodeException e) {
      return new Decoded(path, null, failed(path, e.reason(), e));
    }
  }

  private ExtractedFile extractStreaming(String path) {
    CountingAudioStream[] last = new CountingAudioStream[1];
    try {
      FeatureResult result = AudioFeatureComputer.compute(() -> {
        last[0] = new CountingAudioStream(AudioFileDecoder.open(path, hadoopConf()));
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

  /** The Hadoop configuration (built once per executor-side copy). */
  private Configuration hadoopConf() {
    if (hadoopConf == null) {
      hadoopConf = hadoopConfSource.get();
    }
    return hadoopConf;
  }

  /** The features to compute. */
  public Set<Feature> featureSet() {
    return EnumSet.copyOf(features);
  }

  private static ExtractedFile failed(String path, String reason, RuntimeException e) {
    return new ExtractedFile(path, null, null, null, null, reason, e, Map.of());
  }
}
