package org.noodlevision.spark.config;

import static org.noodlevision.spark.config.ConfigBuilder.conf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.memory.EvictionPolicy;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryPolicy;

/**
 * The one registry of every {@code spark.noodlevision.*} setting (docs/configuration.md is generated from it by
 * {@link ConfigDocGenerator}), and an immutable, validated view of one application's settings.
 *
 * <p>{@link #from(Map)} validates every setting at once: an unknown {@code spark.noodlevision.*} key (usually a
 * typo) or a bad value raises an {@link InvalidParameterException} naming the key, the value and what is allowed.
 * The driver plugin validates at application start and hands {@link #asMap()} to every executor.
 */
public final class NoodleVisionConf {
  /** Prefix of every setting. */
  public static final String PREFIX = "spark.noodlevision.";

  private static final List<ConfigEntry<?>> ENTRIES = new ArrayList<>();
  /** The largest row size a setting may ask for: Spark's binary rows stop below 2 GiB. */
  public static final long MAX_ROW_BYTES_CAP = 2047L << 20;

  /** Memory policy of each executor's MemoryManager. */
  public static final ConfigEntry<MemoryPolicy> MEMORY_POLICY = conf(PREFIX + "memory.policy")
      .doc("Memory policy of each executor's MemoryManager: how much freed memory is kept for reuse, block "
          + "rounding, cache size and eviction, pre-reservation, GPU preference and working precision "
          + "(quality_first computes in float64). See docs/memory.md.")
      .oneOf(MemoryPolicy.class).createWithDefault("balanced");

  /** Hard cap of the off-heap CPU pool. */
  public static final ConfigEntry<Long> CPU_POOL_SIZE = conf(PREFIX + "memory.cpu.poolSize")
      .doc("Hard cap of each executor's off-heap CPU pool (Arrow-accounted direct memory). This memory is "
          + "outside the JVM heap: add it to spark.executor.memoryOverhead so the executor stays inside its "
          + "container (see docs/plugin.md).")
      .bytes().check(v -> v >= (1L << 20), "a size of at least 1m, such as 256m or 2g").createWithDefault("256m");

  /** Block size of the pools; the policy's when unset. */
  public static final ConfigEntry<Long> BLOCK_SIZE = conf(PREFIX + "memory.blockSize")
      .doc("Allocation granularity of the CPU and GPU pools. Unset: the policy's block size.")
      .bytes().check(v -> v >= (4L << 10) && v <= (1L << 30) && Long.bitCount(v) == 1,
          "a power of two from 4k to 1g, such as 64k or 1m")
      .createOptional();

  /** GPU use. */
  public static final ConfigEntry<GpuMode> GPU_MODE = conf(PREFIX + "gpu.enabled")
      .doc("Use a GPU: 'on' fails executor start-up when its CUDA device cannot be used, 'off' never touches CUDA, "
          + "'auto' uses the GPU when one is available and otherwise serves every request from the CPU pool.")
      .oneOf(GpuMode.class).createWithDefault("auto");

  /** Where features are computed. */
  public static final ConfigEntry<String> COMPUTE_BACKEND = conf(PREFIX + "backend")
      .doc("Where features are computed: 'auto' (the GPU when one is usable and the batch is large enough, else "
          + "the CPU), 'cpu', or 'gpu' (fails when no usable GPU exists). Read by the feature functions through "
          + "org.noodlevision.gpu.ComputeBackend.")
      .choice("auto", "cpu", "gpu").createWithDefault("auto");

  /** How bin/noodlevision extract writes Parquet. */
  public static final ConfigEntry<String> EXTRACT_PARQUET_WRITER = conf(PREFIX + "extract.parquetWriter")
      .doc("How 'bin/noodlevision extract --format parquet' writes its files: 'native' builds the Parquet pages "
          + "directly from the computed feature arrays (same Parquet schema and footer as Spark's writer, several "
          + "times cheaper), 'spark' writes through Spark's DataFrameWriter (the fallback). Both honour "
          + "parquet.block.size, parquet.page.size and the compression codec settings; see docs/cli.md.")
      .choice("native", "spark").createWithDefault("native");

  /** What opening one file weighs when the audio source packs files into partitions. */
  public static final ConfigEntry<Long> SOURCE_OPEN_COST = conf(PREFIX + "source.openCostInBytes")
      .doc("What opening one file weighs, in bytes, when the audio source (and so extract) packs files into "
          + "partitions: each file weighs its size plus this, and a partition's target weight is the total over "
          + "spark.sql.files.minPartitionNum (unset: the default parallelism), at most "
          + "spark.sql.files.maxPartitionBytes. Spark's own weight, "
          + "spark.sql.files.openCostInBytes (4 MiB), suits columnar files. Decoding audio and computing its "
          + "features costs far more per byte, so many short clips made many tasks of a few dozen files each, "
          + "whose fixed cost outweighed them. Unset: spark.sql.files.openCostInBytes when the session or the "
          + "application sets it, else this default.")
      .bytes().check(v -> v >= 0 && v <= (1L << 30), "a size from 0 to 1g, such as 64k or 4m")
      .createWithDefault("64k");

  /** Largest row of samples or features handed to Spark's rows; auto when unset. */
  public static final ConfigEntry<Long> MAX_ROW_BYTES = conf(PREFIX + "maxRowBytes")
      .doc("Largest value NoodleVision builds as one Spark row: the audio source's samples column, the "
          + "decode_audio function's samples, the features the column, SQL and ML functions return, and extract's "
          + "rows when they go through Spark (--format json, or Parquet with extract.parquetWriter=spark). Spark "
          + "copies such rows whole, so a longer file would end its task (and in local mode the application) with "
          + "an OutOfMemoryError. Instead a file over it gets an error row (per the read mode; extract's --mode), "
          + "and a function's task fails with RowTooLargeException. Unset: a tenth of the executor's heap divided "
          + "by its task slots, at most 2 GiB. extract's native Parquet writer, which builds no Spark rows, is not "
          + "limited by it.")
      .bytes().check(v -> v >= (1L << 20) && v <= MAX_ROW_BYTES_CAP, "a size from 1m to 2047m, such as 256m")
      .createOptional();

  /** GPU pool size in bytes; wins over the fraction. */
  public static final ConfigEntry<Long> GPU_POOL_SIZE = conf(PREFIX + "memory.gpu.poolSize")
      .doc("Hard cap of the GPU pool. Unset: " + PREFIX + "memory.gpu.poolFraction of the device memory free "
          + "at executor start-up.")
      .bytes().check(v -> v >= (1L << 20), "a size of at least 1m, such as 4g").createOptional();

  /** GPU pool as a fraction of free device memory. */
  public static final ConfigEntry<Double> GPU_POOL_FRACTION = conf(PREFIX + "memory.gpu.poolFraction")
      .doc("GPU pool cap as a fraction of the device memory free at executor start-up; used when "
          + PREFIX + "memory.gpu.poolSize is unset.")
      .decimal().check(v -> v > 0.0 && v <= 1.0, "a number in (0, 1], such as 0.5").createWithDefault("0.5");

  /** Device used when Spark assigned none. */
  public static final ConfigEntry<Integer> GPU_DEFAULT_DEVICE = conf(PREFIX + "gpu.defaultDevice")
      .doc("CUDA device ordinal used when Spark's resource scheduling assigned no 'gpu' resource to the "
          + "executor (spark.executor.resource.gpu.amount unset).")
      .integer().check(v -> v >= 0, "a device ordinal >= 0").createWithDefault("0");

  /** Tensor cache entries; policy's when unset. */
  public static final ConfigEntry<Integer> CACHE_MAX_ENTRIES = conf(PREFIX + "cache.maxEntries")
      .doc("Maximum number of tensors the executor's TensorCache keeps for reuse (0 disables the cache). "
          + "Unset: the policy's cache size.")
      .integer().check(v -> v >= 0, "an integer >= 0").createOptional();

  /** Tensor cache eviction; policy's when unset. */
  public static final ConfigEntry<EvictionPolicy> CACHE_EVICTION = conf(PREFIX + "cache.eviction")
      .doc("Eviction policy of the TensorCache. Unset: the policy's eviction.")
      .oneOf(EvictionPolicy.class).createOptional();

  /** Executor report interval. */
  public static final ConfigEntry<Long> METRICS_REPORT_INTERVAL = conf(PREFIX + "metrics.reportInterval")
      .doc("How often each executor sends its pool statistics to the driver (they are also sent when a task "
          + "ends). The driver's per-executor gauges are at most this old.")
      .durationMillis().check(v -> v >= 100, "a duration of at least 100ms, such as 5s").createWithDefault("5s");

  /** Leak debugging. */
  public static final ConfigEntry<Boolean> LEAK_DEBUG = conf(PREFIX + "memory.leakDebug")
      .doc("Record where each tensor was allocated (a stack trace per allocation: slow) so leak reports at "
          + "task end and executor shutdown say where leaked memory came from.")
      .bool().createWithDefault("false");

  private final Map<String, String> settings;

  private NoodleVisionConf(Map<String, String> settings) {
    this.settings = settings;
  }

  static <T> ConfigEntry<T> register(ConfigEntry<T> entry) {
    for (ConfigEntry<?> e : ENTRIES) {
      if (e.key().equals(entry.key())) {
        throw new IllegalStateException("setting declared twice: " + entry.key());
      }
    }
    ENTRIES.add(entry);
    return entry;
  }

  /** Every setting, in declaration order. */
  public static List<ConfigEntry<?>> allEntries() {
    return Collections.unmodifiableList(ENTRIES);
  }

  /**
   * Validates the {@code spark.noodlevision.*} settings among {@code allSettings} (other keys are ignored).
   *
   * @throws InvalidParameterException for an unknown key under the prefix or a bad value
   */
  public static NoodleVisionConf from(Map<String, String> allSettings) {
    Map<String, String> ours = new TreeMap<>();
    for (Map.Entry<String, String> e : allSettings.entrySet()) {
      if (e.getKey().startsWith(PREFIX)) {
        ours.put(e.getKey(), e.getValue());
      }
    }
    for (String key : ours.keySet()) {
      if (ENTRIES.stream().noneMatch(entry -> entry.key().equals(key))) {
        throw new InvalidParameterException(key, "(unknown setting)", "one of the settings in "
            + "docs/configuration.md: " + String.join(", ", ENTRIES.stream().map(ConfigEntry::key).toList()));
      }
    }
    for (ConfigEntry<?> entry : ENTRIES) {
      entry.readFrom(ours);
    }
    return new NoodleVisionConf(Collections.unmodifiableMap(ours));
  }

  /** The value of a setting that has a default. */
  public <T> T get(ConfigEntry<T> entry) {
    return entry.get(settings);
  }

  /** The value of an optional setting, empty when unset. */
  public <T> Optional<T> getOptional(ConfigEntry<T> entry) {
    return entry.readFrom(settings);
  }

  /** The settings given explicitly (validated), for handing from the driver to the executors. */
  public Map<String, String> asMap() {
    return settings;
  }
}
