package org.noodlevision.spark.compute;

import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureMatrix;

/** Conversions between Catalyst arrays and the engine's arrays, without boxing a value. */
public final class CatalystArrays {
  /** {@code array<float>}: one clip's samples. */
  public static final ArrayType SAMPLES_TYPE = DataTypes.createArrayType(DataTypes.FloatType, false);
  /** {@code array<array<float>>}: a time-major feature matrix, {@code [frame][bin]}. */
  public static final DataType FEATURE_MATRIX_TYPE =
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false);

  private CatalystArrays() {}

  /**
   * The samples of a Catalyst {@code array<float>}.
   *
   * @param column the argument's name, for the error message
   * @throws InvalidParameterException when an element is null
   */
  public static float[] toSamples(ArrayData samples, String column) {
    int n = samples.numElements();
    if (samples instanceof UnsafeArrayData) {
      UnsafeArrayData unsafe = (UnsafeArrayData) samples;
      for (int i = 0; i < n; i++) {
        if (unsafe.isNullAt(i)) {
          throw nullSample(column, i);
        }
      }
      return unsafe.toFloatArray();
    }
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      if (samples.isNullAt(i)) {
        throw nullSample(column, i);
      }
      out[i] = samples.getFloat(i);
    }
    return out;
  }

  /** A Catalyst {@code array<float>} over {@code samples}. */
  public static ArrayData fromSamples(float[] samples) {
    return UnsafeArrayData.fromPrimitiveArray(samples);
  }

  /** A Catalyst {@code array<array<float>>}, time-major, of {@code matrix}. */
  public static ArrayData fromMatrix(FeatureMatrix matrix) {
    int frames = matrix.numFrames();
    int bins = matrix.numBins();
    float[] data = matrix.data();
    Object[] rows = new Object[frames];
    float[] row = new float[bins];
    for (int t = 0; t < frames; t++) {
      System.arraycopy(data, t * bins, row, 0, bins);
      rows[t] = UnsafeArrayData.fromPrimitiveArray(row); // copies
    }
    return new GenericArrayData(rows);
  }

  private static InvalidParameterException nullSample(String column, int index) {
    return new InvalidParameterException(column, "null at index " + index,
        "an array<float> of samples without null elements");
  }
}
