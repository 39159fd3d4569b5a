package org.noodlevision.spark.sql;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.compute.CatalystArrays;

/**
 * A bound SQL function computing one feature: {@code f(samples array<float>, sample_rate int [, n_mfcc int]
 * [, options string])} returning {@code array<array<float>>}, time-major. Subclasses add the static {@code invoke}
 * methods Spark's code generation calls directly with Catalyst values; {@link #produceResult} (used by the column
 * functions and interpreted plans) reaches the same code.
 */
public abstract class FeatureFunction implements ScalarFunction<ArrayData>, Serializable {
  private static final long serialVersionUID = 1L;
  private final Feature feature;
  private final DataType[] inputTypes;
  private final int nMfccOrdinal;
  private final int optionsOrdinal;

  FeatureFunction(Feature feature, FunctionArguments arguments) {
    this.feature = feature;
    this.inputTypes = arguments.inputTypes();
    this.nMfccOrdinal = arguments.nMfccOrdinal();
    this.optionsOrdinal = arguments.optionsOrdinal();
  }

  @Override
  public DataType[] inputTypes() {
    return inputTypes.clone();
  }

  @Override
  public DataType resultType() {
    return CatalystArrays.FEATURE_MATRIX_TYPE;
  }

  @Override
  public String name() {
    return feature.featureName();
  }

  @Override
  public String canonicalName() {
    return "noodlevision." + feature.featureName() + "/" + inputTypes.length;
  }

  @Override
  public ArrayData produceResult(InternalRow input) {
    ArrayData samples = input.isNullAt(0) ? null : input.getArray(0);
    int sampleRate = input.isNullAt(1) ? 0 : input.getInt(1);
    int nMfcc = nMfccOrdinal < 0 || input.isNullAt(nMfccOrdinal) ? 0 : input.getInt(nMfccOrdinal);
    UTF8String options = optionsOrdinal < 0 || input.isNullAt(optionsOrdinal) ? null : input.getUTF8String(optionsOrdinal);
    return FeatureEvaluation.single(feature, samples, sampleRate, nMfcc, options);
  }
}
