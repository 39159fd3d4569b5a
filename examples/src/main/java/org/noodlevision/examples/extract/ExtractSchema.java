package org.noodlevision.examples.extract;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * The rows {@code extract} writes: {@code path}, {@code sample_rate}, {@code channels}, {@code num_samples},
 * {@code duration_sec}, {@code error}, then one {@code array<array<float>>} column per feature (time-major), named
 * as {@link Feature#featureName()}.
 */
public final class ExtractSchema {
  /** The type of a feature column: {@code [frame][bin]}. */
  public static final DataType FEATURE_TYPE =
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private ExtractSchema() {}

  /** The schema for {@code features}, in their order. */
  public static StructType schema(List<Feature> features) {
    List<StructField> fields = new ArrayList<>();
    fields.add(field("path", DataTypes.StringType, false));
    fields.add(field("sample_rate", DataTypes.IntegerType, true));
    fields.add(field("channels", DataTypes.IntegerType, true));
    fields.add(field("num_samples", DataTypes.LongType, true));
    fields.add(field("duration_sec", DataTypes.DoubleType, true));
    fields.add(field("error", DataTypes.StringType, true));
    for (Feature f : features) {
      fields.add(field(f.featureName(), FEATURE_TYPE, true));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** One row of {@link #schema(List)}; features of a failed file are null. */
  public static Row toRow(ExtractedFile file, List<Feature> features) {
    Object[] values = new Object[6 + features.size()];
    values[0] = file.path();
    values[1] = file.sampleRate();
    values[2] = file.channels();
    values[3] = file.numSamples();
    values[4] = file.durationSec();
    values[5] = file.error();
    for (int i = 0; i < features.size(); i++) {
      FeatureMatrix m = file.features().get(features.get(i));
      values[6 + i] = m == null ? null : m.toArray();
    }
    return RowFactory.create(values);
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
