package org.noodlevision.spark.compute;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * How large a value NoodleVision may build as one Spark row ({@link NoodleVisionConf#MAX_ROW_BYTES}). Spark copies
 * a row whole, and more than once (a binary row grown by doubling, then the copies of the operators after it), so
 * one long file's samples or features could end its task with an OutOfMemoryError: a 3-hour WAV read by the
 * {@code audio} source killed a 1.4 GB local application that way, and one hour of extract's features as JSON a
 * 2 GB one. A value over the limit is refused before it is built, as a file that cannot be read (an error row).
 *
 * <p>The default is a tenth of the executor's heap over its task slots, at most 2 GiB, measured with extract's rows
 * in a 2 GB JVM with two slots converting at once: two 9-minute files (122 MiB rows, 12% of the heap together) went
 * through, two 14-minute ones (190 MiB, 19%) did not; a tenth keeps a margin below the first.
 */
public final class SparkRowLimit {
  static final String KEY = NoodleVisionConf.MAX_ROW_BYTES.key();
  static final int HEAP_FRACTION = 10;
  private static final Pattern LOCAL_MASTER = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

  private SparkRowLimit() {}

  /**
   * The limit in this JVM: the setting when the session or the application sets it ({@link TaskSetting}), else a
   * tenth of this JVM's heap over its task slots, at most {@link NoodleVisionConf#MAX_ROW_BYTES_CAP}.
   *
   * @throws org.noodlevision.InvalidParameterException naming the setting when its value is not an allowed size
   */
  public static long forThisExecutor() {
    String v = TaskSetting.value(KEY);
    if (v != null) {
      return NoodleVisionConf.MAX_ROW_BYTES.readFrom(Map.of(KEY, v)).orElseThrow();
    }
    SparkEnv env = SparkEnv.get();
    return automatic(Runtime.getRuntime().maxMemory(), env == null ? 1 : taskSlots(env.conf()));
  }

  /** The default limit: a tenth of {@code maxHeapBytes} over {@code slots}, at most the cap. */
  static long automatic(long maxHeapBytes, int slots) {
    return Math.min(NoodleVisionConf.MAX_ROW_BYTES_CAP, maxHeapBytes / HEAP_FRACTION / Math.max(1, slots));
  }

  /**
   * Tasks an executor runs at once: its cores ({@code local[N]} or {@code local-cluster[n, N, m]} in local modes,
   * else {@code spark.executor.cores}, else this machine's processors) over {@code spark.task.cpus}.
   */
  public static int taskSlots(SparkConf conf) {
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

  /** Bytes of a Catalyst {@code array<float>} of {@code n} values (element count, null bits, values). */
  public static long floatArrayBytes(long n) {
    return 8 + 8 * ((n + 63) / 64) + ((4 * n + 7) & ~7L);
  }

  /** Bytes of a Catalyst {@code array<array<float>>} of {@code frames} rows of {@code bins} values: a feature matrix. */
  public static long matrixBytes(long frames, long bins) {
    return 8 + 8 * ((frames + 63) / 64) + frames * (8 + floatArrayBytes(bins));
  }

  /**
   * Bytes of the feature matrices as the fields of one row: each {@link #matrixBytes} plus the 8 bytes of its offset
   * and size in the row. The one measure that the column functions and {@code extract} check against the limit.
   */
  public static long featureRowBytes(Iterable<FeatureMatrix> features) {
    long bytes = 0;
    for (FeatureMatrix m : features) {
      bytes += 8 + matrixBytes(m.numFrames(), m.numBins());
    }
    return bytes;
  }

  /** The most values an {@code array<float>} of at most {@code limitBytes} holds. */
  public static long maxFloats(long limitBytes) {
    long n = Math.max(0, (limitBytes - 16) * 64 / (4 * 64 + 8));
    while (floatArrayBytes(n + 1) <= limitBytes) {
      n++;
    }
    while (n > 0 && floatArrayBytes(n) > limitBytes) {
      n--;
    }
    return n;
  }

  /** The limit as said in error messages: its size and where it comes from. */
  public static String describe(long limitBytes) {
    return size(limitBytes) + ", the largest row this executor builds safely (" + KEY + "; unset, a tenth of "
        + "the executor's heap over its task slots)";
  }

  /** Why a clip of more than {@code limitSamples} samples gets no samples value, and what to do instead. */
  public static String samplesRefused(long limitSamples, long maxRowBytes) {
    return "the clip has more than " + limitSamples + " samples; as one value of the samples column they would "
        + "take more than " + describe(maxRowBytes) + ". Allowed: clips up to that length. Skip longer files with "
        + "the audio source's option maxDurationSec, raise the setting or the executors' memory, or compute the "
        + "features with bin/noodlevision extract, which streams long files in bounded memory";
  }

  /** {@code bytes} in MiB, or KiB below one MiB. */
  public static String size(long bytes) {
    return bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
