package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.examples.extract.ExtractedFile;

/**
 * The Spark side of the native writer: each task writes its partition's rows with an
 * {@link ExtractParquetFileWriter} to an attempt file and returns it to the driver, which commits the job
 * ({@link ParquetJobOutput}). The session's Hadoop configuration (its {@code --conf} settings included) gives the
 * file system and the Parquet settings ({@link ParquetFileSettings}), as for Spark's own writer.
 */
public final class NativeParquetWrite {
  /**
   * The most bytes of values one feature of one file may have: a row's values of a column go in one page, and a
   * Parquet page holds less than 2 GiB (about 4 hours of a 22.05 kHz spectrogram, 2 hours at 48 kHz).
   */
  public static final long MAX_FEATURE_VALUE_BYTES = FeatureColumnWriter.MAX_PAGE_VALUE_BYTES;

  private NativeParquetWrite() {}

  /**
   * Writes {@code rows} as Parquet under {@code output}.
   *
   * @param replace delete an existing output first (else an existing, non-empty output is refused)
   * @return the committed part files
   * @throws RuntimeException the job's failure (a SparkException wrapping the task's), after deleting its
   *     {@code _temporary} folder
   */
  public static List<Path> write(SparkSession spark, JavaRDD<ExtractedFile> rows, List<Feature> features,
                                 String output, boolean replace) {
    Configuration conf = spark.sessionState().newHadoopConf();
    ParquetFileSettings settings = ParquetFileSettings.from(conf);
    Map<String, String> footer = ExtractParquetSchema.footer(features, shortVersion(spark.version()));
    List<Feature> columns = List.copyOf(features);
    ParquetJobOutput job = ParquetJobOutput.prepare(output, replace, conf);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoopConf = jsc.broadcast(new SerializableConfiguration(conf));
    StageDrain drain = new StageDrain(spark.sparkContext());
    try { // the broadcast configuration is left to Spark's ContextCleaner, as Spark's own FileFormatWriter does
      List<TaskFile> written = rows.mapPartitions((Iterator<ExtractedFile> it) -> {
        if (!it.hasNext()) {
          return Collections.<TaskFile>emptyIterator();
        }
        TaskContext task = TaskContext.get();
        Path file = job.attemptFile(task.partitionId(), task.taskAttemptId());
        ExtractParquetFileWriter writer =
            new ExtractParquetFileWriter(file, hadoopConf.value().value(), columns, settings, footer);
        try {
          while (it.hasNext()) {
            writer.add(it.next());
          }
          writer.close();
        } catch (Exception e) {
          try {
            writer.abort();
            job.removeEmptyTemporary(hadoopConf.value().value());
          } catch (IOException suppressed) {
            e.addSuppressed(suppressed);
          }
          throw e;
        }
        return List.of(new TaskFile(task.partitionId(), file.toString(), writer.rows())).iterator();
      }).collect();
      if (written.isEmpty()) { // no rows at all: one file with the schema only, as Spark writes
        Path empty = job.attemptFile(0, -1);
        new ExtractParquetFileWriter(empty, conf, columns, settings, footer).close();
        written = List.of(new TaskFile(0, empty.toString(), 0));
      }
      return job.commit(written, settings.fileExtension(), conf);
    } catch (IOException e) {
      drain.awaitTasks();
      job.abort(conf);
      throw new UncheckedIOException("Committing the Parquet output " + output + " failed: " + e.getMessage(), e);
    } catch (Exception | Error e) { // collect throws SparkException, checked yet undeclared
      drain.awaitTasks();
      job.abort(conf);
      throw NativeParquetWrite.<RuntimeException>rethrow(e);
    }
  }

  /** Rethrows {@code e} as it is (a SparkException as Spark's own writer would throw it through Dataset.save). */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable e) throws E {
    throw (E) e;
  }

  /** {@code 3.5.9} of {@code 3.5.9-SNAPSHOT}, as Spark's writer records its version. */
  static String shortVersion(String version) {
    return version.replaceFirst("^(\\d+\\.\\d+\\.\\d+).*$", "$1");
  }
}
