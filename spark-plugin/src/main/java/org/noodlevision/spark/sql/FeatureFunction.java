package org.noodlevision.spark.sql;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.spark.compute.CatalystArrays;

/**
 * A bound SQL function computing one feature: {@code f(samples array<float>, sample_rate int [, n_mfcc int]
 * [, options string])} returning {@code array<array<float>>}, time-major. Spark calls the public instance
 * {@code invoke} methods (the "magic methods", declared by each subclass since Spark looks them up on the concrete
 * class) directly with Catalyst values, in generated and interpreted code, on this object as bound on the driver
 * and serialized with the plan, so that each row adds its frames to the accumulator the object carries
 * ({@link CallContext}); {@link #produceResult} (used by the column functions) reaches the same code.
 */
public abstract class FeatureFunction implements ScalarFunction<ArrayData>, Serializable, LiteralCheckedFunction {
  private static final long serialVersionUID = 2L;
  private final Feature feature;
  private final FunctionArguments arguments;
  private final CallContext call;

  FeatureFunction(Feature feature, FunctionArguments arguments, CallContext call) {
    this.feature = feature;
    this.arguments = arguments;
    this.call = Objects.requireNonNull(call, "call");
  }

  /** Computes this function's feature; {@code nMfcc} null when the call has no {@code n_mfcc} argument. */
  final ArrayData evaluate(ArrayData samples, int sampleRate, Integer nMfcc, UTF8String options) {
    return FeatureEvaluation.single(call, feature, samples, sampleRate, nMfcc, options);
  }

  @Override
  public ArrayData produceResult(InternalRow input) {
    ArrayData samples = input.isNullAt(0) ? null : input.getArray(0);
    int sampleRate = input.isNullAt(1) ? 0 : input.getInt(1);
    int nMfccOrdinal = arguments.nMfccOrdinal();
    Integer nMfcc = nMfccOrdinal < 0 ? null : input.isNullAt(nMfccOrdinal) ? Integer.valueOf(0)
        : Integer.valueOf(input.getInt(nMfccOrdinal));
    int optionsOrdinal = arguments.optionsOrdinal();
    UTF8String options = optionsOrdinal < 0 || input.isNullAt(optionsOrdinal) ? null
        : input.getUTF8String(optionsOrdinal);
    return evaluate(samples, sampleRate, nMfcc, options);
  }

  /**
   * Validates the {@code n_mfcc} and {@code options} arguments when every one the call has is a literal (their
   * values in {@code literals}, null where not a literal); a call with a column among them is checked per row.
   */
  @Override
  public void checkLiterals(Object[] literals) {
    int nMfccOrdinal = arguments.nMfccOrdinal();
    int optionsOrdinal = arguments.optionsOrdinal();
    boolean nMfccKnown = nMfccOrdinal < 0 || literals[nMfccOrdinal] != null;
    boolean optionsKnown = optionsOrdinal < 0 || literals[optionsOrdinal] != null;
    if ((nMfccOrdinal >= 0 || optionsOrdinal >= 0) && nMfccKnown && optionsKnown) {
      FeatureEvaluation.params(call,
          optionsOrdinal < 0 ? null : (UTF8String) literals[optionsOrdinal],
          nMfccOrdinal < 0 ? null : (Integer) literals[nMfccOrdinal]);
    }
  }

  @Override
  public DataType[] inputTypes() {
    return arguments.inputTypes().clone();
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
    return "noodlevision." + feature.featureName() + "/" + arguments.inputTypes().length;
  }

  /** Equal when computing the same feature over the same arguments, for the same function name and accumulators. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (o == null || o.getClass() != getClass()) {
      return false;
    }
    FeatureFunction other = (FeatureFunction) o;
    return feature == other.feature && Arrays.equals(arguments.inputTypes(), other.arguments.inputTypes())
        && arguments.nMfccOrdinal() == other.arguments.nMfccOrdinal()
        && arguments.optionsOrdinal() == other.arguments.optionsOrdinal() && call.equals(other.call);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feature, Arrays.hashCode(arguments.inputTypes()), call.name());
  }

  /** The function as called, with its arity, e.g. {@code nv.mfcc/3} (shown in query plans). */
  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + call.name() + "/" + arguments.inputTypes().length + ")";
  }
}
