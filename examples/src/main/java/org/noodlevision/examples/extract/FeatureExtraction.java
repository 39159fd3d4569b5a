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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.examples.extract.parquet.NativeParquetWrite;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.spark.compute.SparkRowLimit;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;
import org.noodlevision.spark.source.AudioDataSource;
import org.noodlevision.spark.source.AudioSchema;

/**
 * The Spark side of {@code extract}: reads the inputs through the {@code audio} data source's header-only scan
 * ({@code samples=false}: the file list, each header's declared length, the partitions planned from file count and
 * bytes, header errors handled per {@code --mode}), runs {@link BatchedFileExtraction} over each partition (decode
 * through Hadoop's FileSystem, long files streamed, features computed through {@code AudioFeatureComputer}), applies
 * the {@link ExtractMode} to files that fail later and writes the rows: Parquet through {@link NativeParquetWrite}
 * (or Spark's DataFrameWriter when {@code spark.noodlevision.extract.parquetWriter=spark}), JSON through Spark's.
 * Inputs may be on any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, ...): the executors open each
 * file by its URI with the session's Hadoop configuration, so files need not sit at the same local path everywhere.
 */
public final class FeatureExtraction {
  private FeatureExtraction() {}

  /**
   * The resolved inputs and output directory, checked before Spark starts.
   *
   * @param inputs the paths for the {@code audio} source ({@link ExtractInputs#resolve}): qualified, literal
   *     inputs glob-escaped
   * @param output the output directory
   */
  public record Plan(List<String> inputs, String output) {}

  /**
   * What a finished run wrote.
   *
   * @param files files read (those decoded plus those that failed, dropped ones included)
   * @param failed files that could not be read, decoded or computed (header errors found by the source included)
   * @param rowsWritten rows in the output
   * @param output the output directory
   */
  public record Summary(long files, long failed, long rowsWritten, String output) {}

  /**
   * Resolves the inputs through Hadoop's FileSystem (with the {@code spark.hadoop.*} settings of {@code --conf})
   * and checks the output directory, without Spark.
   *
   * @throws InvalidParameterException for a missing input, a glob matching nothing, an input reaching no audio, or a
   *     non-empty output
   */
  public static Plan plan(ExtractOptions options) {
    return new Plan(ExtractInputs.resolve(options.inputs(), ExtractInputs.hadoopConf(options.sparkConf())),
        prepareOutput(options.output(), options.overwrite()));
  }

  /**
   * Runs the job on {@code spark}.
   *
   * @throws RuntimeException when the job fails (a SparkException wrapping ours, e.g. FAILFAST on a bad file)
   */
  public static Summary run(ExtractOptions options, Plan plan, SparkSession spark) {
    String output = plan.output();
    // named accumulators, on the stage page: files_ok here; frames, audio seconds and failed files are the plugin's
    LongAccumulator decoded = spark.sparkContext().longAccumulator("noodlevision.extract.files_ok");
    NoodleVisionAccumulators plugin = NoodleVisionAccumulators.of(spark);
    long failedBefore = plugin.filesFailed();
    List<Feature> features = options.features();
    FileFeatureExtractor extractor =
        new FileFeatureExtractor(options.paramSettings(), features, executorHadoopConf(spark, plan.inputs()));
    ExtractMode mode = options.mode();
    boolean nativeWriter = options.format() == OutputFormat.PARQUET && parquetWriterSetting(spark).equals("native");
    JavaRDD<ExtractedFile> extracted = extract(spark, plan.inputs(), mode, extractor, decoded,
        nativeWriter ? Long.MAX_VALUE : ExtractRowLimit.EXECUTOR_DEFAULT);
    spark.sparkContext().setJobDescription("noodlevision extract: " + String.join(", ", options.inputs()) + " -> "
        + output);
    if (nativeWriter) {
      NativeParquetWrite.write(spark, extracted, features, output, saveMode(options) == SaveMode.Overwrite);
    } else {
      JavaRDD<Row> rows = extracted.map(file -> ExtractSchema.toRow(file, features));
      write(spark, options, spark.createDataFrame(rows, ExtractSchema.schema(features)), output);
    }
    long bad = plugin.filesFailed() - failedBefore; // header errors counted by the source, later ones by extract
    long rowsWritten = mode == ExtractMode.DROPMALFORMED ? decoded.value() : decoded.value() + bad;
    return new Summary(decoded.value() + bad, bad, rowsWritten, output);
  }

  /**
   * The extracted files of {@code inputs} (source paths, see {@link Plan#inputs}), partitioned as the {@code audio}
   * source plans them. Counts successes in {@code decoded} and failures after the scan in the plugin's
   * {@code noodlevision.filesFailed} (the source counts header errors there), and applies {@code mode} to the latter.
   */
  static JavaRDD<ExtractedFile> extract(SparkSession spark, List<String> inputs, ExtractMode mode,
                                        FileFeatureExtractor extractor, LongAccumulator decoded) {
    return extract(spark, inputs, mode, extractor, decoded, Long.MAX_VALUE);
  }

  /**
   * As {@link #extract(SparkSession, List, ExtractMode, FileFeatureExtractor, LongAccumulator)}, for files whose
   * features then go through Spark's rows: a file whose features would make a row larger than {@code maxRowBytes}
   * ({@link ExtractRowLimit#EXECUTOR_DEFAULT}: the computing executor's {@link SparkRowLimit#forThisExecutor()})
   * fails as a file that cannot be computed, per {@code mode}.
   */
  static JavaRDD<ExtractedFile> extract(SparkSession spark, List<String> inputs, ExtractMode mode,
                                        FileFeatureExtractor extractor, LongAccumulator decoded, long maxRowBytes) {
    return extract(spark, inputs, mode, extractor, decoded, maxRowBytes, NativeParquetWrite.MAX_FEATURE_VALUE_BYTES);
  }

  /**
   * As {@link #extract(SparkSession, List, ExtractMode, FileFeatureExtractor, LongAccumulator, long)}; a file with a
   * feature of more than {@code maxFeatureBytes} bytes of values (more than one Parquet page holds:
   * {@link NativeParquetWrite#MAX_FEATURE_VALUE_BYTES}) also fails as a file that cannot be computed, rather than
   * end the task that writes it.
   */
  static JavaRDD<ExtractedFile> extract(SparkSession spark, List<String> inputs, ExtractMode mode,
                                        FileFeatureExtractor extractor, LongAccumulator decoded, long maxRowBytes,
                                        long maxFeatureBytes) {
    NoodleVisionAccumulators plugin = NoodleVisionAccumulators.of(spark);
    LongAccumulator gpuClips = spark.sparkContext().longAccumulator("noodlevision.extract.gpu_clips");
    LongAccumulator gpuFallbackClips =
        spark.sparkContext().longAccumulator("noodlevision.extract.gpu_cpu_fallback_clips");
    LongAccumulator gpuSplits = spark.sparkContext().longAccumulator("noodlevision.extract.gpu_oom_splits");
    ExtractBackend backend = new ExtractBackend(backendSetting(spark));
    Dataset<Row> headers = spark.read().format(AudioDataSource.SHORT_NAME)
        .option("samples", "false")
        .option("mode", mode.name())
        .option("recursiveFileLookup", "true")
        .option("extensions", ExtractInputs.AUDIO_EXTENSIONS)
        .load(inputs.toArray(new String[0]));
    int path = AudioSchema.SCHEMA.fieldIndex("path");
    int numSamples = AudioSchema.SCHEMA.fieldIndex("num_samples");
    int error = AudioSchema.SCHEMA.fieldIndex("error");
    return headers.javaRDD().mapPartitions(rows -> {
      long rowLimit =
          maxRowBytes == ExtractRowLimit.EXECUTOR_DEFAULT ? SparkRowLimit.forThisExecutor() : maxRowBytes;
      ClipBatchComputer computer = backend.computer(extractor);
      GpuTally tally = new GpuTally(computer);
      Iterator<ScannedFile> files = new FlatMapIterator<>(rows, row -> new ScannedFile(row.getString(path),
          row.isNullAt(numSamples) ? -1 : row.getLong(numSamples), row.getString(error)));
      Iterator<ExtractedFile> batches = new BatchedFileExtraction(files, extractor, computer,
          ExtractBackend.batchSamples(computer));
      return new FlatMapIterator<>(batches, computed -> {
        tally.report(plugin, gpuClips, gpuFallbackClips, gpuSplits);
        ExtractedFile file = ExtractRowLimit.check(computed, rowLimit, maxFeatureBytes);
        if (file.ok()) {
          decoded.add(1);
          plugin.addAudioSeconds(file.durationSec());
          plugin.addFrames(file.features().values().iterator().next().numFrames());
          return file;
        }
        if (!file.failedAfterScan()) {
          return file; // a header error row of the source (PERMISSIVE), already counted there
        }
        plugin.addFileFailed();
        if (mode == ExtractMode.FAILFAST) {
          throw new NoodleVisionException("Bad audio file '" + file.path() + "' (--mode FAILFAST): " + file.error(),
              file.failure());
        }
        return mode == ExtractMode.DROPMALFORMED ? null : file;
      });
    });
  }

  /**
   * Where the executors get the Hadoop configuration to open files of other file systems with: the session's,
   * broadcast, when an input is not local; none is shipped when every input is a {@code file:} path (local files
   * are opened without one).
   */
  private static FileFeatureExtractor.HadoopConfSource executorHadoopConf(SparkSession spark, List<String> inputs) {
    if (inputs.stream().allMatch(p -> p.startsWith("file:"))) {
      return Configuration::new;
    }
    Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(spark.sessionState().newHadoopConf()));
    return () -> conf.value().value();
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
