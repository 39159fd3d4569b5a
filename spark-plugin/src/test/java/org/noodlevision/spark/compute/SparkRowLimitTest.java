package org.noodlevision.spark.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * The size of a row NoodleVision builds: the setting, the default from the heap and task slots, array and row sizes.
 */
class SparkRowLimitTest {
  /** The heap is shared by the executor's task slots: local[N], local-cluster cores, executor cores, task cpus. */
  @Test
  void taskSlots_followTheMasterAndTheExecutorSettings() {
    int processors = Runtime.getRuntime().availableProcessors();
    assertEquals(1, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "local")));
    assertEquals(3, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "local[3]")));
    assertEquals(processors, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "local[*]")));
    assertEquals(4, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "local[4, 2]")));
    assertEquals(2, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "local-cluster[2, 2, 1024]")));
    assertEquals(4, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "yarn")
        .set("spark.executor.cores", "8").set("spark.task.cpus", "2")));
    assertEquals(processors, SparkRowLimit.taskSlots(new SparkConf(false).set("spark.master", "spark://h:7077")));
  }

  @Test
  void automatic_isATenthOfTheHeapPerSlot_belowTwoGiB() {
    assertEquals(100L << 20, SparkRowLimit.automatic(2000L << 20, 2));
    assertEquals(200L << 20, SparkRowLimit.automatic(2000L << 20, 1));
    assertEquals(NoodleVisionConf.MAX_ROW_BYTES_CAP, SparkRowLimit.automatic(64L << 30, 1));
  }

  /** The size counted is the size Spark's binary array of those floats has. */
  @Test
  void floatArrayBytes_isTheSizeOfSparksArray_andMaxFloatsItsInverse() {
    for (int n : new int[] {0, 1, 63, 64, 65, 1000, 262_139}) {
      assertEquals(UnsafeArrayData.fromPrimitiveArray(new float[n]).getSizeInBytes(),
          SparkRowLimit.floatArrayBytes(n), "floats: " + n);
    }
    for (long limit : new long[] {16, 1L << 20, (1L << 20) + 3, 100_000_007L, NoodleVisionConf.MAX_ROW_BYTES_CAP}) {
      long n = SparkRowLimit.maxFloats(limit);
      assertTrue(SparkRowLimit.floatArrayBytes(n) <= limit && SparkRowLimit.floatArrayBytes(n + 1) > limit,
          "limit " + limit + ": " + n + " floats");
    }
  }

  /** A row of feature matrices is as large as Spark's binary row of them, less the row's null bits. */
  @Test
  void featureRowBytes_isTheSizeOfSparksRowOfTheMatrices() {
    List<FeatureMatrix> features = List.of(new FeatureMatrix(3, 1025, new float[3 * 1025]),
        new FeatureMatrix(70, 13, new float[70 * 13]), new FeatureMatrix(0, 12, new float[0]));
    StructType schema = new StructType();
    Object[] values = new Object[features.size()];
    for (int i = 0; i < features.size(); i++) {
      FeatureMatrix m = features.get(i);
      schema = schema.add("f" + i, DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
      Object[] frames = new Object[m.numFrames()];
      for (int f = 0; f < m.numFrames(); f++) {
        frames[f] = UnsafeArrayData.fromPrimitiveArray(new float[m.numBins()]);
      }
      values[i] = new GenericArrayData(frames);
    }
    UnsafeRow row = UnsafeProjection.create(schema).apply(new GenericInternalRow(values));
    assertEquals(row.getSizeInBytes() - 8, SparkRowLimit.featureRowBytes(features));
    assertEquals(0, SparkRowLimit.featureRowBytes(List.of()));
  }

  @Test
  void setting_acceptsSizesFromOneMiBTo2047MiB_andNamesItselfOtherwise() {
    String key = NoodleVisionConf.MAX_ROW_BYTES.key();
    assertEquals(256L << 20, NoodleVisionConf.MAX_ROW_BYTES.readFrom(Map.of(key, "256m")).orElseThrow());
    assertEquals(2047L << 20, NoodleVisionConf.MAX_ROW_BYTES.readFrom(Map.of(key, "2047m")).orElseThrow());
    for (String bad : new String[] {"2g", "512k", "lots"}) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> NoodleVisionConf.MAX_ROW_BYTES.readFrom(Map.of(key, bad)));
      assertEquals(key, e.parameter());
      assertTrue(e.getMessage().contains("1m to 2047m"), e.getMessage());
    }
  }
}
