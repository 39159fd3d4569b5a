package org.noodlevision.spark.sql;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.compute.CatalystArrays;

/**
 * SQL {@code features(samples, sample_rate, 'mfcc, chroma' [, options])}: several features from one STFT pass, as a
 * struct with one {@code array<array<float>>} field per feature name of {@link Feature} (every feature, since the
 * type cannot depend on a value); the fields not requested are null. A blank list requests every feature.
 */
public final class FeaturesFunction implements ScalarFunction<InternalRow>, Serializable, LiteralCheckedFunction {
  private static final long serialVersionUID = 2L;
  /** The struct returned: one field per {@link Feature}, named by {@link Feature#featureName()}. */
  public static final StructType RESULT_TYPE = allFeaturesStruct();
  static final String NAME = "features";
  private final DataType[] inputTypes;
  /** The struct's fields: every feature for SQL, the requested ones for the column function. */
  private final Feature[] outputFeatures;
  private final StructType resultType;
  private final CallContext call;

  private FeaturesFunction(DataType[] inputTypes, CallContext call) {
    this(inputTypes, Feature.values(), call);
  }

  /** A function whose struct holds only {@code outputFeatures}, in that order (the column function). */
  FeaturesFunction(DataType[] inputTypes, Feature[] outputFeatures, CallContext call) {
    this.call = Objects.requireNonNull(call, "call");
    this.inputTypes = inputTypes.clone();
    this.outputFeatures = outputFeatures.clone();
    List<StructField> fields = new ArrayList<>();
    for (Feature feature : outputFeatures) {
      fields.add(DataTypes.createStructField(feature.featureName(), CatalystArrays.FEATURE_MATRIX_TYPE, true));
    }
    this.resultType = DataTypes.createStructType(fields);
  }

  static FeaturesFunction bind(StructType input, CallContext call) {
    StructField[] f = input.fields();
    String usage = NAME + "(samples array<float>, sample_rate int, features string such as 'mfcc, chroma'"
        + " [, options string such as 'n_fft=512'])";
    if (f.length < 3 || f.length > 4) {
      throw new UnsupportedOperationException(NAME + " takes " + usage + "; got " + f.length + " arguments");
    }
    if (!(f[0].dataType() instanceof ArrayType)
        || !(((ArrayType) f[0].dataType()).elementType() instanceof FloatType)) {
      throw new UnsupportedOperationException(NAME + ": argument 1 (samples) must be array<float>, got "
          + f[0].dataType().simpleString() + ". Usage: " + usage);
    }
    DataType[] types = new DataType[f.length];
    types[0] = DataTypes.createArrayType(DataTypes.FloatType, ((ArrayType) f[0].dataType()).containsNull());
    types[1] = FunctionArguments.requireInt(NAME, 2, "sample_rate", f[1].dataType(), usage);
    for (int i = 2; i < f.length; i++) {
      if (!(f[i].dataType() instanceof StringType)) {
        throw new UnsupportedOperationException(NAME + ": argument " + (i + 1) + " must be string, got "
            + f[i].dataType().simpleString() + ". Usage: " + usage);
      }
      types[i] = DataTypes.StringType;
    }
    return new FeaturesFunction(types, call);
  }

  /** Magic method called by generated code (SQL: every feature's field). */
  public InternalRow invoke(ArrayData samples, int sampleRate, UTF8String features) {
    return FeatureEvaluation.several(call, samples, sampleRate, features, null);
  }

  /** Magic method called by generated code, with options such as {@code "n_fft=512, hop_length=160"}. */
  public InternalRow invoke(ArrayData samples, int sampleRate, UTF8String features, UTF8String options) {
    return FeatureEvaluation.several(call, samples, sampleRate, features, options);
  }

  /** Validates the feature names and the options where they are literals. */
  @Override
  public void checkLiterals(Object[] literals) {
    if (literals[2] != null) {
      FeatureEvaluation.featureNames(call, (UTF8String) literals[2]);
    }
    if (inputTypes.length > 3 && literals[3] != null) {
      FeatureEvaluation.params(call, (UTF8String) literals[3], null);
    }
  }

  @Override
  public InternalRow produceResult(InternalRow input) {
    InternalRow all = FeatureEvaluation.several(call, input.isNullAt(0) ? null : input.getArray(0),
        input.isNullAt(1) ? 0 : input.getInt(1), input.isNullAt(2) ? null : input.getUTF8String(2),
        inputTypes.length < 4 || input.isNullAt(3) ? null : input.getUTF8String(3));
    if (all == null || Arrays.equals(outputFeatures, Feature.values())) {
      return all;
    }
    Object[] values = new Object[outputFeatures.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = all.isNullAt(outputFeatures[i].ordinal()) ? null : all.getArray(outputFeatures[i].ordinal());
    }
    return new GenericInternalRow(values);
  }

  @Override
  public DataType[] inputTypes() {
    return inputTypes.clone();
  }

  @Override
  public DataType resultType() {
    return resultType;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String canonicalName() {
    return "noodlevision.features/" + inputTypes.length;
  }

  /** Equal when returning the same struct over the same arguments, for the same function name and accumulators. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FeaturesFunction)) {
      return false;
    }
    FeaturesFunction other = (FeaturesFunction) o;
    return Arrays.equals(inputTypes, other.inputTypes)
        && Arrays.equals(outputFeatures, other.outputFeatures) && call.equals(other.call);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(inputTypes), Arrays.hashCode(outputFeatures),
        call.name());
  }

  /** The function as called, with its arity, e.g. {@code nv.features/4} (shown in query plans). */
  @Override
  public String toString() {
    return "FeaturesFunction(" + call.name() + "/" + inputTypes.length + ")";
  }

  private static StructType allFeaturesStruct() {
    List<StructField> fields = new ArrayList<>();
    for (Feature feature : Feature.values()) {
      fields.add(DataTypes.createStructField(feature.featureName(), CatalystArrays.FEATURE_MATRIX_TYPE, true));
    }
    return DataTypes.createStructType(fields);
  }
}
