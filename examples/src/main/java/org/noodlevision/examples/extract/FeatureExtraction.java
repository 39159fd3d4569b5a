package org.noodlevision.examples.extract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.examples.extract.parquet.NativeParquetWrite;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * The Spark side of {@code extract}: spreads the file list over the cluster, runs {@link FileFeatureExtractor} on
 * each file, applies the {@link ExtractMode} and writes the rows: Parquet through {@link NativeParquetWrite} (or Spark's
 * DataFrameWriter when {@code spark.noodlevision.extract.parquetWriter=spark}), JSON through Spark's. Files are read by path on the executors, so they
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

    LongAccumulator gpuClips = spark.sparkContext().longAccumulator("noodlevision.extract.gpu_clips");
    LongAccumulator gpuFallbackClips =
        spark.sparkContext().longAccumulator("noodlevision.extract.gpu_cpu_fallback_clips");
    LongAccumulator gpuSplits = spark.sparkContext().longAccumulator("noodlevision.extract.gpu_oom_splits");

    long failedBefore = plugin.filesFailed();
    List<Feature> features = options.features();
    FileFeatureExtractor extractor = new FileFeatureExtractor(options.paramSettings(), features);
    ExtractBackend backend = new ExtractBackend(backendSetting(spark));
    ExtractMode mode = options.mode();
    int slices = Math.max(1, Math.min(files.size(), 4 * jsc.defaultParallelism()));
    JavaRDD<ExtractedFile> extracted = jsc.parallelize(files, slices).mapPartitions(paths -> {
      ClipBatchComputer computer = backend.computer(extractor);
      GpuTally tally = new GpuTally(computer);
      Iterator<ExtractedFile> batches = new BatchedFileExtraction(paths, extractor, computer,
          ExtractBackend.batchSamples(computer));
      return new FlatMapIterator<>(batches, file -> {
        tally.report(plugin, gpuClips, gpuFallbackClips, gpuSplits);
        if (file.ok()) {
          decoded.add(1);
          plugin.addAudioSeconds(file.durationSec());
          plugin.addFrames(file.features().values().iterator().next().numFrames());
          return file;
        }
        plugin.addFileFailed();
        if (mode == ExtractMode.FAILFAST) {
          throw new NoodleVisionException("Bad audio file '" + file.path() + "' (--mode FAILFAST): " + file.error(),
              file.failure());
        }
        return mode == ExtractMode.DROPMALFORMED ? null : file;
      });
    });
    spark.sparkContext().setJobDescription("noodlevision extract: " + files.size() + " files -> " + output);
    if (options.format() == OutputFormat.PARQUET && parquetWriterSetting(spark).equals("native")) {
      NativeParquetWrite.write(spark, extracted, features, output, saveMode(options) == SaveMode.Overwrite);
    } else {
      JavaRDD<Row> rows = extracted.map(file -> ExtractSchema.toRow(file, features));
      write(spark, options, spark.createDataFrame(rows, ExtractSchema.schema(features)), output);
    }
    long bad = plugin.filesFailed() - failedBefore;
    long rowsWritten = mode == ExtractMode.DROPMALFORMED ? decoded.value() : decoded.value() + bad;
    return new Summary(files.size(), bad, rowsWritten, output);
  }

  /** Local paths were checked by {@link #prepareOutput}; remote ones are left to Spark unless --overwrite. */
  private static SaveMode saveMode(ExtractOptions options) {
    return options.overwrite() || !options.output().contains("://") ? SaveMode.Overwrite : SaveMode.ErrorIfExists;
  }

  /** The backend setting ({@code spark.noodlevision.backend}, default auto) of the session. */
  static String backendSetting(SparkSession spark) {
    String key = NoodleVisionConf.COMPUTE_BACKEND.key();
    return spark.conf().contains(key) ? spark.conf().get(key) : spark.sparkContext().getConf().get(key, "auto");
  }

  /**
   * The Parquet writer setting ({@code spark.noodlevision.extract.parquetWriter}: native, the default, or spark) of
   * the session.
   *
   * @throws InvalidParameterException naming the setting for another value
   */
  static String parquetWriterSetting(SparkSession spark) {
    String key = NoodleVisionConf.EXTRACT_PARQUET_WRITER.key();
    String value = spark.conf().contains(key) ? spark.conf().get(key) : spark.sparkContext().getConf().get(key, null);
    return value == null ? NoodleVisionConf.EXTRACT_PARQUET_WRITER.get(Map.of())
        : NoodleVisionConf.EXTRACT_PARQUET_WRITER.get(Map.of(key, value));
  }

  /** Writes with {@link ParquetWriteSettings} for Parquet (unless the session sets them), as is for JSON. */
  private static void write(SparkSession spark, ExtractOptions options, Dataset<Row> frame, String output) {
    DataFrameWriter<Row> writer = frame.write().mode(saveMode(options)).format(options.format().sparkName());
    if (options.format() != OutputFormat.PARQUET) {
      writer.save(output);
      return;
    }
    Map<String, String> userConf = new HashMap<>();
    for (String key : List.of(ParquetWriteSettings.DICTIONARY, ParquetWriteSettings.CODEC, "parquet.compression",
        ParquetWriteSettings.LEGACY_FORMAT)) {
      if (spark.conf().contains(key)) {
        userConf.put(key, spark.conf().get(key));
      }
    }
    Map<String, String> held = ParquetWriteSettings.sessionSettings(userConf);
    held.forEach((k, v) -> spark.conf().set(k, v));
    try {
      writer.options(ParquetWriteSettings.writerOptions(userConf)).save(output);
    } finally {
      held.keySet().forEach(k -> spark.conf().unset(k));
    }
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
