package org.noodlevision.spark.ml;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.spark.compute.CatalystArrays;
import org.noodlevision.spark.compute.FeatureOptions;
import org.noodlevision.spark.sql.FunctionParameterException;

/**
 * Base of the feature Transformers: reads {@code inputCol} ({@code array<float>} samples, default {@code samples})
 * and {@code sampleRateCol} (int, default {@code sample_rate}) and appends {@code outputCol}
 * ({@code array<array<float>>}, time-major) computed by the same functions as {@link org.noodlevision.spark.AudioFunctions}.
 * STFT Params: {@code nFft} (2048), {@code hopLength} (nFft/4 when unset), {@code winLength} (nFft when unset),
 * {@code center} (true), {@code padMode} (constant).
 */
public abstract class AudioFeatureTransformer<T extends AudioFeatureTransformer<T>> extends Transformer implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> sampleRateCol;
  private final Param<String> outputCol;
  private final IntParam nFft;
  private final IntParam hopLength;
  private final IntParam winLength;
  private final BooleanParam center;
  private final Param<String> padMode;

  protected AudioFeatureTransformer(String uid, String defaultOutputCol) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "samples column, array<float>");
    sampleRateCol = new Param<>(this, "sampleRateCol", "sample rate column, int (Hz)");
    outputCol = new Param<>(this, "outputCol", "output column, array<array<float>> time-major");
    nFft = new IntParam(this, "nFft", "FFT size (n_fft)", ParamValidators.gtEq(2));
    hopLength = new IntParam(this, "hopLength", "hop between frames (hop_length); nFft/4 when unset",
        ParamValidators.gtEq(1));
    winLength = new IntParam(this, "winLength", "window length (win_length) <= nFft; nFft when unset",
        ParamValidators.gtEq(1));
    center = new BooleanParam(this, "center", "pad so frames are centred (center)");
    padMode = new Param<>(this, "padMode", "padding when centred: constant or reflect (pad_mode)",
        ParamValidators.inArray(new String[] {"constant", "reflect"}));
    setDefault(inputCol, "samples");
    setDefault(sampleRateCol, "sample_rate");
    setDefault(outputCol, defaultOutputCol);
    setDefault(nFft, 2048);
    setDefault(center, true);
    setDefault(padMode, "constant");
  }

  @SuppressWarnings("unchecked")
  protected final T self() {
    return (T) this;
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> sampleRateCol() { return sampleRateCol; }
  public Param<String> outputCol() { return outputCol; }
  public IntParam nFft() { return nFft; }
  public IntParam hopLength() { return hopLength; }
  public IntParam winLength() { return winLength; }
  public BooleanParam center() { return center; }
  public Param<String> padMode() { return padMode; }

  public String getInputCol() { return $(inputCol); }
  public String getSampleRateCol() { return $(sampleRateCol); }
  public String getOutputCol() { return $(outputCol); }
  public int getNFft() { return (Integer) $(nFft); }
  public boolean getCenter() { return (Boolean) $(center); }
  public String getPadMode() { return $(padMode); }

  public T setInputCol(String v) { set(inputCol, v); return self(); }
  public T setSampleRateCol(String v) { set(sampleRateCol, v); return self(); }
  public T setOutputCol(String v) { set(outputCol, v); return self(); }
  public T setNFft(int v) { set(nFft, v); return self(); }
  public T setHopLength(int v) { set(hopLength, v); return self(); }
  public T setWinLength(int v) { set(winLength, v); return self(); }
  public T setCenter(boolean v) { set(center, v); return self(); }
  public T setPadMode(String v) { set(padMode, v); return self(); }

  /** The feature column computed from the samples and sample-rate columns with {@code options}. */
  protected abstract Column featureColumn(Column samples, Column sampleRate, Map<String, String> options);

  /** Adds this stage's engine options (names of the engine's table) to {@code options}. */
  protected void addOptions(Map<String, String> options) {
    put(options, "n_fft", nFft);
    put(options, "hop_length", hopLength);
    put(options, "win_length", winLength);
    put(options, "center", center);
    put(options, "pad_mode", padMode);
  }

  /** Puts {@code param}'s value (set or default) under the engine's {@code name}; nothing when undefined. */
  protected final void put(Map<String, String> options, String name, Param<?> param) {
    if (isDefined(param)) {
      options.put(name, String.valueOf($(param)));
    }
  }

  /**
   * The engine options this stage computes with, validated together (e.g. {@code winLength <= nFft},
   * {@code nMfcc <= nMels}); {@link #transform} calls it on the driver, before any job runs.
   *
   * @throws FunctionParameterException naming this stage ({@code MFCC(uid)}), the engine parameter, the value and
   *     what is allowed
   */
  public Map<String, String> engineOptions() {
    Map<String, String> options = new LinkedHashMap<>();
    addOptions(options);
    try {
      FeatureOptions.fromMap(options);
    } catch (InvalidParameterException e) {
      throw new FunctionParameterException(getClass().getSimpleName() + "(" + uid + ")", e);
    }
    return options;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema(), true);
    return dataset.withColumn(getOutputCol(),
        featureColumn(functions.col(getInputCol()), functions.col(getSampleRateCol()), engineOptions()));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    requireColumn(schema, getInputCol(), "inputCol", "array<float>");
    requireColumn(schema, getSampleRateCol(), "sampleRateCol", "int");
    if (java.util.Arrays.asList(schema.fieldNames()).contains(getOutputCol())) {
      throw new InvalidParameterException("outputCol", getOutputCol(), "a column name not already in the input ("
          + String.join(", ", schema.fieldNames()) + ")");
    }
    return schema.add(getOutputCol(), CatalystArrays.FEATURE_MATRIX_TYPE, true);
  }

  private static void requireColumn(StructType schema, String name, String param, String type) {
    StructField field = null;
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        field = f;
      }
    }
    boolean ok = field != null && ("int".equals(type) ? field.dataType() instanceof IntegerType
        : field.dataType() instanceof ArrayType && ((ArrayType) field.dataType()).elementType() instanceof FloatType);
    if (!ok) {
      throw new InvalidParameterException(param, name + (field == null ? " (no such column)"
          : " (" + field.dataType().simpleString() + ")"), "a column of type " + type + " among "
          + String.join(", ", schema.fieldNames()));
    }
  }
}
