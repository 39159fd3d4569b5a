package org.noodlevision.examples.extract;

import java.util.Map;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.spark.compute.SparkRowLimit;

/**
 * How large a file's features may be when they go through Spark's rows ({@code --format json}, or Parquet with
 * Spark's writer): {@link SparkRowLimit}, the executor's limit for any row NoodleVision builds. Spark copies such a
 * row twice (our per-frame arrays, then its binary row, grown by doubling), so a one-hour file's 0.8 GB of features
 * ended the task, and the job, with an OutOfMemoryError in a 2 GB JVM, and so did two 14-minute files converted at
 * once in local[2]. A file over the limit gets an error row instead (or fails the job under FAILFAST), like any file
 * that cannot be computed; extract's native Parquet writer writes large rows without Spark's rows and has no limit.
 */
final class ExtractRowLimit {
  /** Use {@link SparkRowLimit#forThisExecutor()}: the limit of the executor that computes the file. */
  static final long EXECUTOR_DEFAULT = -1;

  private ExtractRowLimit() {}

  /** The bytes of the file's features as one Spark row (array of arrays of floats, one inner array per frame). */
  static long rowBytes(ExtractedFile file) {
    return SparkRowLimit.featureRowBytes(file.features().values());
  }

  /**
   * {@code file} itself when each feature's values take at most {@code featureLimit} bytes (one Parquet page) and
   * the row at most {@code limit}, else the same file failed with the reason.
   */
  static ExtractedFile check(ExtractedFile file, long limit, long featureLimit) {
    if (!file.ok()) {
      return file;
    }
    for (Map.Entry<Feature, FeatureMatrix> f : file.features().entrySet()) {
      long values = (long) f.getValue().numFrames() * f.getValue().numBins();
      if (4 * values > featureLimit) {
        return failed(file, "its " + f.getKey().featureName() + " has " + values + " values ("
            + SparkRowLimit.size(4 * values) + "), more than one Parquet page holds ("
            + SparkRowLimit.size(featureLimit) + "): Parquet writes a row's values of a column in one page. Allowed: "
            + "features up to that size. Ask for a larger --hop-length (fewer frames), leave this feature out, or "
            + "split the file");
      }
    }
    long bytes = rowBytes(file);
    if (bytes <= limit) {
      return file;
    }
    String reason = "its features take " + SparkRowLimit.size(bytes) + " as one Spark row, more than "
        + SparkRowLimit.describe(limit) + "; --format json and Spark's Parquet writer go through Spark rows. "
        + "Allowed: rows up to that size. For larger ones use --format parquet with the native writer (the "
        + "default), which has no such limit, ask for fewer features or a larger --hop-length, or give executors "
        + "more memory or fewer cores";
    return failed(file, reason);
  }

  private static ExtractedFile failed(ExtractedFile file, String reason) {
    return new ExtractedFile(file.path(), file.sampleRate(), file.channels(), file.numSamples(), file.durationSec(),
        reason, new NoodleVisionException(file.path() + ": " + reason), Map.of());
  }
}
