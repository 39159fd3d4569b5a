package org.noodlevision.spark.source;

import java.util.EnumSet;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The audio files under the given paths, as a batch-readable table. */
final class AudioTable implements SupportsRead {
  private final AudioReadOptions options;

  AudioTable(AudioReadOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "audio " + String.join(", ", options.paths);
  }

  @Override
  @SuppressWarnings("deprecation")
  public StructType schema() {
    return AudioSchema.SCHEMA;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return EnumSet.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap scanOptions) {
    return new AudioScan(options);
  }
}
