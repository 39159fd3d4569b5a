package org.noodlevision.spark.ml;

import java.util.Map;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.noodlevision.spark.AudioFunctions;

/**
 * {@code librosa.feature.mfcc} as a Transformer: {@code outputCol} (default {@code mfcc}) is {@code [frame][nMfcc]}.
 * Params beyond the mel ones: {@code nMfcc} (20), {@code lifter} (0), and the dB conversion's {@code ref} (1),
 * {@code amin} (1e-10), {@code topDb} (80).
 */
public final class MFCC extends MelParamsTransformer<MFCC> {
  private static final long serialVersionUID = 1L;
  private final IntParam nMfcc = new IntParam(this, "nMfcc", "number of coefficients (n_mfcc)",
      ParamValidators.gtEq(1));
  private final DoubleParam lifter = new DoubleParam(this, "lifter", "cepstral liftering, 0 disables (lifter)",
      ParamValidators.gtEq(0));
  private final DoubleParam ref = new DoubleParam(this, "ref", "dB reference (ref)", ParamValidators.gt(0));
  private final DoubleParam amin = new DoubleParam(this, "amin", "dB floor of the input (amin)", ParamValidators.gt(0));
  private final DoubleParam topDb = new DoubleParam(this, "topDb", "dynamic range below the peak (top_db)",
      ParamValidators.gtEq(0));

  public MFCC(String uid) {
    super(uid, "mfcc");
    setDefault(nMfcc, 20);
    setDefault(lifter, 0.0);
    setDefault(ref, 1.0);
    setDefault(amin, 1e-10);
    setDefault(topDb, 80.0);
  }

  public MFCC() {
    this(Identifiable.randomUID("nvMFCC"));
  }

  public IntParam nMfcc() { return nMfcc; }
  public DoubleParam lifter() { return lifter; }
  public DoubleParam ref() { return ref; }
  public DoubleParam amin() { return amin; }
  public DoubleParam topDb() { return topDb; }

  public int getNMfcc() { return (Integer) $(nMfcc); }

  public MFCC setNMfcc(int v) { set(nMfcc, v); return this; }
  public MFCC setLifter(double v) { set(lifter, v); return this; }
  public MFCC setRef(double v) { set(ref, v); return this; }
  public MFCC setAmin(double v) { set(amin, v); return this; }
  public MFCC setTopDb(double v) { set(topDb, v); return this; }

  @Override
  protected void addOptions(Map<String, String> options) {
    super.addOptions(options);
    put(options, "n_mfcc", nMfcc);
    put(options, "lifter", lifter);
    put(options, "ref", ref);
    put(options, "amin", amin);
    put(options, "top_db", topDb);
  }

  @Override
  protected Column featureColumn(Column samples, Column sampleRate, Map<String, String> options) {
    return AudioFunctions.mfcc(samples, sampleRate, options);
  }

  @Override
  public MFCC copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MFCC> read() {
    return new DefaultParamsReader<>();
  }

  public static MFCC load(String path) {
    return read().load(path);
  }
}
