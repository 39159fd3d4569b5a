package org.noodlevision.examples.extract;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * How large a file's features may be when they go through Spark's rows ({@code --format json}, or Parquet with
 * Spark's writer). Spark copies such a row twice (our per-frame arrays, then its binary row, grown by doubling), so a
 * one-hour file's 0.8 GB of features ended the task, and the job, with an OutOfMemoryError in a 2 GB JVM, and so did
 * two 14-minute files converted at once in local[2]. The limit is a tenth of the heap shared by the executor's task
 * slots. A file over it gets an error row instead (or fails the job under FAILFAST), like any file that cannot be
 * computed; extract's native Parquet writer writes large rows without Spark's rows and has no such limit.
 */
final class SparkRowLimit {
  /**
   * The part of the heap the rows of all task slots may take, measured in a 2 GB JVM with two slots converting at
   * once: two 9-minute files (122 MiB rows, 12% of the heap together) went through, two 14-minute ones (190 MiB, 19%)
   * did not. A tenth keeps a margin below the first.
   */
  static final int HEAP_FRACTION = 10;
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");
  /** Spark's binary rows stop below 2 GiB. */
  static final long MAX_ROW_BYTES = Integer.MAX_VALUE - (1L << 20);
  /** Use {@link #forThisJvm()}: the limit of the executor that computes the file. */
  static final long EXECUTOR_DEFAULT = -1;

  private SparkRowLimit() {}

  /** A tenth of this JVM's heap over its task slots, at most {@link #MAX_ROW_BYTES}. */
  static long forThisJvm() {
    SparkEnv env = SparkEnv.get();
    int slots = env == null ? 1 : taskSlots(env.conf());
    return Math.min(MAX_ROW_BYTES, Runtime.getRuntime().maxMemory() / HEAP_FRACTION / slots);
  }

  /**
   * Tasks an executor runs at once: its cores ({@code local[N]} or {@code local-cluster[n, N, m]} in local modes,
   * else {@code spark.executor.cores}, else this machine's processors) over {@code spark.task.cpus}.
   */
  static int taskSlots(SparkConf conf) {
    int cores = Runtime.getRuntime().availableProcessors();
    String master = conf.get("spark.master", "");
    Matcher local = LOCAL_MASTER.matcher(master);
    Matcher cluster = LOCAL_CLUSTER.matcher(master);
    if (local.matches()) {
      cores = local.group(1) == null ? 1 : local.group(1).equals("*") ? cores : Integer.parseInt(local.group(1));
    } else if (cluster.matches()) {
      cores = Integer.parseInt(cluster.group(1));
    } else if (conf.contains("spark.executor.cores")) {
      cores = conf.getInt("spark.executor.cores", cores);
    }
    return Math.max(1, cores / Math.max(1, conf.getInt("spark.task.cpus", 1)));
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
        + "safely (" + size(limit) + ": a tenth of its heap over its task slots, at most 2 GiB); --format json and "
        + "Spark's Parquet writer go through Spark rows. Allowed: rows up to that size. For larger ones use --format "
        + "parquet with the native writer (the default), which has no such limit, ask for fewer features or a "
        + "larger --hop-length, or give executors more memory or fewer cores";
    return new ExtractedFile(file.path(), file.sampleRate(), file.channels(), file.numSamples(), file.durationSec(),
        reason, new NoodleVisionException(file.path() + ": " + reason), Map.of());
  }

  private static String size(long bytes) {
    return bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
