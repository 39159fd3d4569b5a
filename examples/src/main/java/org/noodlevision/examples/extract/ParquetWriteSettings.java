package org.noodlevision.examples.extract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Parquet settings {@code extract} writes with unless {@code --conf} sets them (docs/cli.md, measured in
 * docs/benchmarks-spark.md). Feature columns are {@code array<array<float>>} of mostly distinct float values, so:
 *
 * <ul>
 *   <li>{@value #DICTIONARY} = false: a dictionary of floats never pays off here; parquet-mr would build a hash map
 *       of every value of a page, then give up and fall back to plain encoding (about 15% of the job's CPU);</li>
 *   <li>{@value #CODEC} = {@value #DEFAULT_CODEC}: Snappy saves a few percent on float features and costs CPU
 *       on every byte; set {@code --conf spark.sql.parquet.compression.codec=snappy} (or zstd) to trade speed
 *       for size;</li>
 *   <li>{@value #LEGACY_FORMAT} = true: arrays whose elements cannot be null (ours) are written as Parquet's
 *       two-level lists ({@code repeated float array}), one value call per float, instead of the three-level
 *       {@code list/element} groups (a group start and end around every float). Spark, parquet-mr, Arrow/pyarrow
 *       and DuckDB read both forms as the same {@code array<array<float>>}.</li>
 * </ul>
 */
final class ParquetWriteSettings {
  static final String DICTIONARY = "parquet.enable.dictionary";
  static final String CODEC = "spark.sql.parquet.compression.codec";
  static final String LEGACY_FORMAT = "spark.sql.parquet.writeLegacyFormat";
  static final String DEFAULT_CODEC = "uncompressed";

  private ParquetWriteSettings() {}

  /** Writer options (Hadoop settings handed to parquet-mr) not given by the user's {@code --conf}. */
  static Map<String, String> writerOptions(Map<String, String> userConf) {
    Map<String, String> options = new LinkedHashMap<>();
    if (!userConf.containsKey(DICTIONARY)) {
      options.put(DICTIONARY, "false");
    }
    if (!userConf.containsKey(CODEC) && !userConf.containsKey("parquet.compression")) {
      options.put("compression", DEFAULT_CODEC);
    }
    return options;
  }

  /** Session settings to hold while writing (they cannot be writer options), unless the user set them. */
  static Map<String, String> sessionSettings(Map<String, String> userConf) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (!userConf.containsKey(LEGACY_FORMAT)) {
      settings.put(LEGACY_FORMAT, "true");
    }
    return settings;
  }
}
