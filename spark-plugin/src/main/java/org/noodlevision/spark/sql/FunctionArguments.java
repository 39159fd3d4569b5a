package org.noodlevision.spark.sql;

import java.io.Serializable;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checked argument layout of a feature function: {@code samples array<float>, sample_rate int}, then an optional
 * {@code n_mfcc int} (MFCC only) and an optional {@code options string}. Type errors become the
 * {@link UnsupportedOperationException} Spark reports as an analysis error, naming the function and argument.
 */
record FunctionArguments(DataType[] inputTypes, int nMfccOrdinal, int optionsOrdinal) implements Serializable {

  static FunctionArguments bind(String function, StructType input, boolean acceptsNMfcc) {
    StructField[] f = input.fields();
    String usage = function + "(samples array<float>, sample_rate int" + (acceptsNMfcc ? " [, n_mfcc int]" : "")
        + " [, options string such as 'n_fft=512, hop_length=160'])";
    if (f.length < 2 || f.length > (acceptsNMfcc ? 4 : 3)) {
      throw new UnsupportedOperationException(function + " takes " + usage + "; got " + f.length + " arguments");
    }
    DataType[] types = new DataType[f.length];
    if (!(f[0].dataType() instanceof ArrayType)
        || !(((ArrayType) f[0].dataType()).elementType() instanceof FloatType)) {
      throw new UnsupportedOperationException(function + ": argument 1 (samples) must be array<float>, got "
          + f[0].dataType().simpleString() + " (cast it: CAST(x AS array<float>)). Usage: " + usage);
    }
    types[0] = DataTypes.createArrayType(DataTypes.FloatType, ((ArrayType) f[0].dataType()).containsNull());
    types[1] = requireInt(function, 2, "sample_rate", f[1].dataType(), usage);
    int nMfcc = -1;
    int options = -1;
    for (int i = 2; i < f.length; i++) {
      DataType t = f[i].dataType();
      if (acceptsNMfcc && i == 2 && !(t instanceof StringType)) {
        types[i] = requireInt(function, i + 1, "n_mfcc", t, usage);
        nMfcc = i;
      } else if (t instanceof StringType && options < 0) {
        types[i] = DataTypes.StringType;
        options = i;
      } else {
        throw new UnsupportedOperationException(function + ": argument " + (i + 1) + " has type " + t.simpleString()
            + ". Usage: " + usage);
      }
    }
    return new FunctionArguments(types, nMfcc, options);
  }

  static DataType requireInt(String function, int position, String name, DataType t, String usage) {
    if (t instanceof IntegerType || t instanceof ShortType || t instanceof ByteType) {
      return DataTypes.IntegerType;
    }
    throw new UnsupportedOperationException(function + ": argument " + position + " (" + name + ") must be int, got "
        + t.simpleString() + ". Usage: " + usage);
  }
}
