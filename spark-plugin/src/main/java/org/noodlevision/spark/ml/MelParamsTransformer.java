package org.noodlevision.spark.ml;

import java.util.Map;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * Stages built on the mel filter bank. Params: {@code nMels} (128), {@code fmin} (0), {@code fmax} (sr/2 when
 * unset), {@code htk} (false), {@code melNorm} (slaney or none), {@code power} (2).
 */
public abstract class MelParamsTransformer<T extends MelParamsTransformer<T>> extends AudioFeatureTransformer<T> {
  private static final long serialVersionUID = 1L;
  private final IntParam nMels = new IntParam(this, "nMels", "number of mel bands (n_mels)", ParamValidators.gtEq(1));
  private final DoubleParam fmin = new DoubleParam(this, "fmin", "lowest frequency in Hz (fmin)",
      ParamValidators.gtEq(0));
  private final DoubleParam fmax = new DoubleParam(this, "fmax", "highest frequency in Hz (fmax); sr/2 when unset");
  private final BooleanParam htk = new BooleanParam(this, "htk", "HTK mel scale instead of Slaney (htk)");
  private final Param<String> melNorm = new Param<>(this, "melNorm", "mel filter normalisation: slaney or none (norm)",
      ParamValidators.inArray(new String[] {"slaney", "none"}));
  private final DoubleParam power = new DoubleParam(this, "power", "exponent of the magnitude (power)",
      ParamValidators.gt(0));

  protected MelParamsTransformer(String uid, String defaultOutputCol) {
    super(uid, defaultOutputCol);
    setDefault(nMels, 128);
    setDefault(fmin, 0.0);
    setDefault(htk, false);
    setDefault(melNorm, "slaney");
    setDefault(power, 2.0);
  }

  public IntParam nMels() { return nMels; }
  public DoubleParam fmin() { return fmin; }
  public DoubleParam fmax() { return fmax; }
  public BooleanParam htk() { return htk; }
  public Param<String> melNorm() { return melNorm; }
  public DoubleParam power() { return power; }

  public int getNMels() { return (Integer) $(nMels); }

  public T setNMels(int v) { set(nMels, v); return self(); }
  public T setFmin(double v) { set(fmin, v); return self(); }
  public T setFmax(double v) { set(fmax, v); return self(); }
  public T setHtk(boolean v) { set(htk, v); return self(); }
  public T setMelNorm(String v) { set(melNorm, v); return self(); }
  public T setPower(double v) { set(power, v); return self(); }

  @Override
  protected void addOptions(Map<String, String> options) {
    super.addOptions(options);
    put(options, "n_mels", nMels);
    put(options, "fmin", fmin);
    put(options, "fmax", fmax);
    put(options, "htk", htk);
    put(options, "norm", melNorm);
    put(options, "power", power);
  }
}
