package org.noodlevision.spark.source;

import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The {@code audio} data source: {@code spark.read().format("audio").load(path)} gives one row per file with the
 * columns of {@link AudioSchema#SCHEMA}. Options: {@code mode} (PERMISSIVE, DROPMALFORMED, FAILFAST),
 * {@code recursiveFileLookup}, {@code pathGlobFilter}, {@code maxDurationSec}. Also usable by its class name.
 */
public final class AudioDataSource implements TableProvider, DataSourceRegister {
  /** The short name given to {@code format(...)}. */
  public static final String SHORT_NAME = "audio";

  @Override
  public String shortName() {
    return SHORT_NAME;
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return AudioSchema.SCHEMA;
  }

  @Override
  public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new AudioTable(AudioReadOptions.parse(new CaseInsensitiveStringMap(properties)));
  }
}
