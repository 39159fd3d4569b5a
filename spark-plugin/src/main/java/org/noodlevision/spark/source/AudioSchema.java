package org.noodlevision.spark.source;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noodlevision.spark.compute.CatalystArrays;

/** The rows of the {@code audio} source and of {@code AudioFunctions.decodeAudio}: one per file. */
public final class AudioSchema {
  /** Column ordinals of {@link #SCHEMA}. */
  static final int PATH = 0;
  static final int FORMAT = 1;
  static final int SAMPLE_RATE = 2;
  static final int CHANNELS = 3;
  static final int NUM_SAMPLES = 4;
  static final int DURATION_SEC = 5;
  static final int SAMPLES = 6;
  static final int ERROR = 7;

  /**
   * {@code path} string, {@code format} string ({@code wav}, {@code flac}), {@code sample_rate} int (native, Hz),
   * {@code channels} int (before down-mixing), {@code num_samples} long, {@code duration_sec} double,
   * {@code samples} array&lt;float&gt; (mono as librosa loads it), {@code error} string (null when decoded). All but
   * {@code path} are null in the row of a file that could not be decoded.
   */
  public static final StructType SCHEMA = new StructType(new StructField[] {
    field("path", DataTypes.StringType, false),
    field("format", DataTypes.StringType, true),
    field("sample_rate", DataTypes.IntegerType, true),
    field("channels", DataTypes.IntegerType, true),
    field("num_samples", DataTypes.LongType, true),
    field("duration_sec", DataTypes.DoubleType, true),
    field("samples", CatalystArrays.SAMPLES_TYPE, true),
    field("error", DataTypes.StringType, true),
  });

  /** The same columns without {@code path}: the struct {@code AudioFunctions.decodeAudio} returns. */
  public static final StructType DECODED_STRUCT = new StructType(java.util.Arrays.copyOfRange(SCHEMA.fields(), 1, 8));

  private AudioSchema() {}

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }
}
