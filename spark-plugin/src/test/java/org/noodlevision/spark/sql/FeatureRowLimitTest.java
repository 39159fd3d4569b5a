package org.noodlevision.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.spark.compute.RowTooLargeException;

/**
 * Features larger than the executor's row limit ({@code spark.noodlevision.maxRowBytes}, 1 MiB here) fail their
 * task with a {@link RowTooLargeException} naming the function and the setting, before Spark copies them (a long
 * clip's spectrogram would otherwise end the executor with an OutOfMemoryError); smaller features of the same clip
 * are computed. The 10 s clip's spectrogram is 431 x 1025 floats (1.8 MB), its MFCC 431 x 20 (35 KB).
 */
class FeatureRowLimitTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark = GeneratedClips.session("FeatureRowLimitTest").config("spark.noodlevision.maxRowBytes", "1m")
        .getOrCreate();
    StructType schema = new StructType()
        .add("path", DataTypes.StringType)
        .add("sample_rate", DataTypes.IntegerType)
        .add("samples", DataTypes.createArrayType(DataTypes.FloatType, false), true);
    spark.createDataFrame(List.of(RowFactory.create("ten-seconds", 22_050, GeneratedClips.samples(220_500, 22_050,
        1))), schema).repartition(2).createOrReplaceTempView("long_clips");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void featuresOverTheLimit_failTheTaskWithTheReason_smallerOnesAreComputed() {
    Row mfcc = spark.sql("SELECT size(nv.mfcc(samples, sample_rate)) FROM long_clips").first();
    assertEquals(431, mfcc.getInt(0));

    Exception e = assertThrows(Exception.class,
        () -> spark.sql("SELECT size(nv.spectrogram(samples, sample_rate)) FROM long_clips").collectAsList());
    RowTooLargeException cause = causeOf(e);
    assertTrue(cause.getMessage().startsWith("nv.spectrogram: the features of a 10.0 s clip (431 frames)")
        && cause.getMessage().contains("spark.noodlevision.maxRowBytes")
        && cause.getMessage().contains("bin/noodlevision extract"), cause.getMessage());
    assertEquals(1L << 20, cause.limitBytes());
    assertTrue(cause.bytes() > 431L * 1025 * 4, "size counts every float: " + cause.bytes());

    Exception several = assertThrows(Exception.class, () -> spark.sql(
        "SELECT nv.features(samples, sample_rate, 'mfcc, mel_spectrogram, chroma, power_spectrogram') FROM long_clips")
        .collectAsList());
    assertTrue(causeOf(several).getMessage().startsWith("nv.features: "), causeOf(several).getMessage());
  }

  private static RowTooLargeException causeOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RowTooLargeException) {
        return (RowTooLargeException) t;
      }
    }
    throw new AssertionError("no RowTooLargeException in the cause chain of " + e, e);
  }
}
