package org.noodlevision.examples.extract.parquet;

import java.io.Serializable;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.noodlevision.InvalidParameterException;

/**
 * The layout settings of the native writer, read on the driver from the session's Hadoop configuration (which
 * carries the session's {@code --conf} settings) under parquet-mr's own names, with parquet-mr's defaults.
 *
 * @param blockSize row group size in bytes ({@code parquet.block.size}, default 128 MiB): rows are buffered until
 *     their estimated size reaches it; a single larger row still makes one row group
 * @param pageSize target page size in bytes ({@code parquet.page.size}, default 1 MiB); pages start at rows
 * @param codec page compression: {@code parquet.compression}, else {@code spark.sql.parquet.compression.codec},
 *     else uncompressed (extract's default, see docs/cli.md)
 * @param pageChecksums CRC32 of each page ({@code parquet.page.write-checksum.enabled}, default true)
 * @param columnIndexTruncateLength {@code parquet.columnindex.truncate.length} (default 64)
 * @param statisticsTruncateLength {@code parquet.statistics.truncate.length} (default unlimited)
 */
public record ParquetFileSettings(long blockSize, int pageSize, CompressionCodecName codec, boolean pageChecksums,
    int columnIndexTruncateLength, int statisticsTruncateLength) implements Serializable {
  static final String BLOCK_SIZE = "parquet.block.size";
  static final String PAGE_SIZE = "parquet.page.size";
  static final String PARQUET_CODEC = "parquet.compression";
  static final String SPARK_CODEC = "spark.sql.parquet.compression.codec";
  static final String CHECKSUMS = "parquet.page.write-checksum.enabled";
  static final String ALLOWED_CODECS = "uncompressed, none, snappy, gzip, zstd, lz4_raw, lz4, brotli, lzo "
      + "(brotli and lzo need their codec on the classpath)";

  /**
   * Reads the settings and checks that the codec can be loaded here.
   *
   * @throws InvalidParameterException naming the setting, for a bad size or an unknown or unavailable codec
   */
  public static ParquetFileSettings from(Configuration conf) {
    long blockSize = size(conf, BLOCK_SIZE, 128L << 20, Long.MAX_VALUE);
    int pageSize = (int) size(conf, PAGE_SIZE, 1L << 20, 1L << 30);
    String codecKey = conf.get(PARQUET_CODEC) != null ? PARQUET_CODEC : SPARK_CODEC;
    String codecName = conf.get(codecKey);
    CompressionCodecName codec = codecName == null ? CompressionCodecName.UNCOMPRESSED : codec(codecKey, codecName);
    if (codec != CompressionCodecName.UNCOMPRESSED) {
      CodecFactory factory = new CodecFactory(conf, pageSize);
      try {
        factory.getCompressor(codec);
      } catch (RuntimeException e) {
        throw new InvalidParameterException(codecKey, codecName, "a codec available on this classpath among "
            + ALLOWED_CODECS + " (" + e.getMessage() + ")");
      } finally {
        factory.release();
      }
    }
    return new ParquetFileSettings(blockSize, pageSize, codec, conf.getBoolean(CHECKSUMS, true),
        (int) size(conf, "parquet.columnindex.truncate.length", 64, Integer.MAX_VALUE),
        (int) size(conf, "parquet.statistics.truncate.length", Integer.MAX_VALUE, Integer.MAX_VALUE));
  }

  /** The file name extension Spark gives this codec ({@code .snappy}, {@code .zstd}, none when uncompressed). */
  public String fileExtension() {
    return codec.getExtension();
  }

  private static CompressionCodecName codec(String key, String name) {
    String n = name.trim().toUpperCase(Locale.ROOT);
    if (n.equals("NONE")) {
      return CompressionCodecName.UNCOMPRESSED;
    }
    try {
      return CompressionCodecName.valueOf(n);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(key, name, ALLOWED_CODECS);
    }
  }

  private static long size(Configuration conf, String key, long defaultValue, long max) {
    String v = conf.get(key);
    if (v == null) {
      return defaultValue;
    }
    long n;
    try {
      n = conf.getLongBytes(key, defaultValue);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n <= 0 || n > max) {
      throw new InvalidParameterException(key, v, "a size in bytes from 1 to " + max + " (suffixes k, m, g allowed)");
    }
    return n;
  }
}
