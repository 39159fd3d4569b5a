package org.noodlevision.examples.extract.parquet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.examples.extract.ExtractSchema;

/**
 * The Parquet schema and footer of extract's files, as Spark writes {@link ExtractSchema} with
 * {@code spark.sql.parquet.writeLegacyFormat=false}: scalars as {@code required binary path (STRING)},
 * {@code optional int32 sample_rate} ..., and each feature as the standard three-level list of lists
 * ({@code optional group f (LIST) { repeated group list { required group element (LIST) { repeated group list {
 * required float element }}}}}). Its levels: repetition 0 (new row), 1 (new frame), 2 (next bin); definition 0
 * (null feature), 1 (no frames), 2 (a frame without bins), 3 (a value).
 */
public final class ExtractParquetSchema {
  /** The footer key Spark reads its own schema from (exact types and nullability). */
  public static final String SPARK_ROW_METADATA = "org.apache.spark.sql.parquet.row.metadata";
  /** The footer key of the Spark version that wrote the file. */
  public static final String SPARK_VERSION = "org.apache.spark.version";

  static final int FEATURE_MAX_REPETITION = 2;
  static final int FEATURE_MAX_DEFINITION = 3;

  private ExtractParquetSchema() {}

  /** The Parquet schema for {@code features}, in their order after the six scalar columns. */
  public static MessageType of(List<Feature> features) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    b.required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("path");
    b.optional(PrimitiveTypeName.INT32).named("sample_rate");
    b.optional(PrimitiveTypeName.INT32).named("channels");
    b.optional(PrimitiveTypeName.INT64).named("num_samples");
    b.optional(PrimitiveTypeName.DOUBLE).named("duration_sec");
    b.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("error");
    for (Feature f : features) {
      b.addField(featureType(f.featureName()));
    }
    return b.named("spark_schema");
  }

  private static Type featureType(String name) {
    Type inner = Types.requiredGroup().as(LogicalTypeAnnotation.listType())
        .addField(Types.repeatedGroup().required(PrimitiveTypeName.FLOAT).named("element").named("list"))
        .named("element");
    return Types.optionalGroup().as(LogicalTypeAnnotation.listType())
        .addField(Types.repeatedGroup().addField(inner).named("list"))
        .named(name);
  }

  /** The footer's key/value metadata, as Spark's writer sets it. */
  public static Map<String, String> footer(List<Feature> features, String sparkVersion) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(SPARK_VERSION, sparkVersion);
    m.put(SPARK_ROW_METADATA, ExtractSchema.schema(features).json());
    return m;
  }
}
