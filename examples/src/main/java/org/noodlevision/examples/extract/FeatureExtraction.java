package org.noodlevision.examples.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * The Spark side of {@code extract}: spreads the file list over the cluster, runs {@link FileFeatureExtractor} on
 * each file, applies the {@link ExtractMode} and writes the rows. Files are read by path on the executors, so they
 * must be visible at the same path there (local mode, or a shared mount).
 */
public final class FeatureExtraction {
  private FeatureExtraction() {}

  /** The files to read and the resolved output directory, checked before Spark starts. */
  public record Plan(List<String> files, String output) {}

  /** What a finished run wrote. */
  public record Summary(long files, long failed, long rowsWritten, String output) {}

  /**
   * Lists the input files and checks the output directory, without Spark.
   *
   * @throws InvalidParameterException for a missing input, a directory without audio, or a non-empty output
   */
  public static Plan plan(ExtractOptions options) {
    return new Plan(AudioFileFinder.find(options.inputs()), prepareOutput(options.output(), options.overwrite()));
  }

  /**
   * Runs the job on {@code spark}.
   *
   * @throws RuntimeException when the job fails (a SparkException wrapping ours, e.g. FAILFAST on a bad file)
   */
  public static Summary run(ExtractOptions options, Plan plan, SparkSession spark) {
    List<String> files = plan.files();
    String output = plan.output();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // named accumulators, on the stage page: files_ok here; frames, audio seconds and failed files are the plugin's
    LongAccumulator decoded = spark.sparkContext().longAccumulator("noodlevision.extract.files_ok");
    NoodleVisionAccumulators plugin = NoodleVisionAccumulators.of(spark);

    long failedBefore = plugin.filesFailed();
    List<Feature> features = options.features();
    FileFeatureExtractor extractor = new FileFeatureExtractor(options.paramSettings(), features);
    ExtractMode mode = options.mode();
    int slices = Math.max(1, Math.min(files.size(), 4 * jsc.defaultParallelism()));
    JavaRDD<Row> rows = jsc.parallelize(files, slices).flatMap(path -> {
      ExtractedFile file = extractor.extract(path);
      if (file.ok()) {
        decoded.add(1);
        plugin.addAudioSeconds(file.durationSec());
        plugin.addFrames(file.features().values().iterator().next().numFrames());
        return single(ExtractSchema.toRow(file, features));
      }
      plugin.addFileFailed();
      if (mode == ExtractMode.FAILFAST) {
        throw new NoodleVisionException("Bad audio file '" + path + "' (--mode FAILFAST): " + file.error(),
            file.failure());
      }
      return mode == ExtractMode.DROPMALFORMED ? Collections.emptyIterator()
          : single(ExtractSchema.toRow(file, features));
    });
    spark.sparkContext().setJobDescription("noodlevision extract: " + files.size() + " files -> " + output);
    spark.createDataFrame(rows, ExtractSchema.schema(features))
        .write().mode(saveMode(options)).format(options.format().sparkName()).save(output);
    long bad = plugin.filesFailed() - failedBefore;
    long rowsWritten = mode == ExtractMode.DROPMALFORMED ? decoded.value() : decoded.value() + bad;
    return new Summary(files.size(), bad, rowsWritten, output);
  }

  /** Local paths were checked by {@link #prepareOutput}; remote ones are left to Spark unless --overwrite. */
  private static SaveMode saveMode(ExtractOptions options) {
    return options.overwrite() || !options.output().contains("://") ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
  }

  private static Iterator<Row> single(Row row) {
    return Collections.singletonList(row).iterator();
  }

  /**
   * Resolves a local output path to an absolute one and refuses to replace a non-empty directory unless asked.
   * Paths with a scheme (hdfs://, s3a://) are handed to Spark unchanged, which refuses existing ones unless asked.
   */
  static String prepareOutput(String output, boolean overwrite) {
    if (output.contains("://")) {
      return output;
    }
    Path dir = Paths.get(output).toAbsolutePath().normalize();
    if (Files.exists(dir) && !overwrite) {
      if (!Files.isDirectory(dir)) {
        throw new InvalidParameterException("--output", output, "a directory path (this is an existing file)");
      }
      try (Stream<Path> entries = Files.list(dir)) {
        if (entries.findAny().isPresent()) {
          throw new InvalidParameterException("--output", output,
              "a directory that does not exist or is empty; add --overwrite to replace it");
        }
      } catch (IOException e) {
        throw new InvalidParameterException("--output", output, "a readable directory (" + e.getMessage() + ")");
      }
    }
    return dir.toString();
  }
}
