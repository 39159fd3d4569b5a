package org.noodlevision.spark;

import java.util.Locale;
import java.util.Map;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns at application start when the off-heap CPU pool does not fit in the executors' memory overhead: the pool's
 * memory is outside the heap, so on YARN and Kubernetes it must be counted in {@code spark.executor.memoryOverhead}
 * or the container is killed for exceeding its limit (docs/plugin.md).
 */
final class DeploymentCheck {
  private static final Logger LOG = LoggerFactory.getLogger(DeploymentCheck.class);
  private static final long MIN_OVERHEAD = 384L << 20;

  private DeploymentCheck() {
  }

  static void warnIfOutsideContainer(NoodleVisionConf conf, Map<String, String> spark) {
    String master = spark.getOrDefault("spark.master", "");
    if (master.startsWith("local")) {
      return; // no container
    }
    long pool = conf.get(NoodleVisionConf.CPU_POOL_SIZE);
    long overhead = overheadBytes(spark);
    if (pool + MIN_OVERHEAD > overhead) {
      LOG.warn("{} = {} bytes of off-heap memory per executor, but the executor memory overhead is about {} bytes. "
          + "Set spark.executor.memoryOverhead to at least {}m so executors stay inside their containers "
          + "(see docs/plugin.md).", NoodleVisionConf.CPU_POOL_SIZE.key(), pool, overhead,
          (pool + MIN_OVERHEAD) >> 20);
    }
  }

  /** spark.executor.memoryOverhead (MiB when unitless), else Spark's default max(384m, factor x heap). */
  static long overheadBytes(Map<String, String> spark) {
    String explicit = spark.get("spark.executor.memoryOverhead");
    if (explicit != null) {
      return mebibytesOrSize(explicit);
    }
    long heap = mebibytesOrSize(spark.getOrDefault("spark.executor.memory", "1g"));
    double factor = Double.parseDouble(spark.getOrDefault("spark.executor.memoryOverheadFactor", "0.1"));
    return Math.max(MIN_OVERHEAD, (long) (heap * factor));
  }

  private static long mebibytesOrSize(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      return t.chars().allMatch(Character::isDigit) ? Long.parseLong(t) << 20 : parseSize(t);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long parseSize(String t) {
    String digits = t.replaceAll("[^0-9]", "");
    long n = Long.parseLong(digits);
    return switch (t.replaceAll("[0-9]", "").replace("b", "")) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      case "t" -> n << 40;
      default -> n;
    };
  }
}
