package org.noodlevision.examples.extract;

import java.util.Map;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * How large a file's features may be when they go through Spark's rows ({@code --format json}, or Parquet with
 * Spark's writer). Spark copies such a row twice (our per-frame arrays, then its binary row, grown by doubling), so a
 * one-hour file's 0.8 GB of features ended the task, and the job, with an OutOfMemoryError in a 2 GB JVM. A file
 * over the limit gets an error row instead (or fails the job under FAILFAST), like any file that cannot be computed;
 * extract's native Parquet writer writes large rows without Spark's rows and has no such limit.
 */
final class SparkRowLimit {
  /** The part of the heap one row may take: a 30-minute file (407 MB) went through in a 2 GB JVM, an hour did not. */
  static final int HEAP_FRACTION = 5;
  /** Spark's binary rows stop below 2 GiB. */
  static final long MAX_ROW_BYTES = Integer.MAX_VALUE - (1L << 20);
  /** Use {@link #forThisJvm()}: the limit of the executor that computes the file. */
  static final long EXECUTOR_DEFAULT = -1;

  private SparkRowLimit() {}

  /** A fifth of this JVM's heap, at most {@link #MAX_ROW_BYTES}. */
  static long forThisJvm() {
    return Math.min(MAX_ROW_BYTES, Runtime.getRuntime().maxMemory() / HEAP_FRACTION);
  }

  /** The bytes of the file's features as one Spark row (array of arrays of floats, one inner array per frame). */
  static long rowBytes(ExtractedFile file) {
    long bytes = 0;
    for (FeatureMatrix m : file.features().values()) {
      long inner = 8 + 8L * ((m.numBins() + 63) / 64) + ((4L * m.numBins() + 7) & ~7L);
      bytes += 16 + 8L * ((m.numFrames() + 63) / 64) + (long) m.numFrames() * (8 + inner);
    }
    return bytes;
  }

  /** {@code file} itself when within {@code limit} bytes, else the same file failed with the reason. */
  static ExtractedFile check(ExtractedFile file, long limit) {
    if (!file.ok()) {
      return file;
    }
    long bytes = rowBytes(file);
    if (bytes <= limit) {
      return file;
    }
    String reason = "its features take " + size(bytes) + " as one Spark row, more than this executor converts "
        + "safely (" + size(limit) + ": a fifth of its heap, at most 2 GiB); --format json and Spark's Parquet "
        + "writer go through Spark rows. Allowed: rows up to that size. For larger ones use --format parquet with "
        + "the native writer (the default), which has no such limit, ask for fewer features or a larger "
        + "--hop-length, or give executors more memory";
    return new ExtractedFile(file.path(), file.sampleRate(), file.channels(), file.numSamples(), file.durationSec(),
        reason, new NoodleVisionException(file.path() + ": " + reason), Map.of());
  }

  private static String size(long bytes) {
    return bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
