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
 * {@code librosa.feature.chroma_stft} as a Transformer: {@code outputCol} (default {@code chroma}) is
 * {@code [frame][nChroma]}. Params beyond the STFT ones: {@code nChroma} (12) and {@code tuning} (a fraction of a
 * bin in [-0.5, 0.5); estimated per clip as librosa does when unset).
 */
public final class Chroma extends AudioFeatureTransformer<Chroma> {
  private static final long serialVersionUID = 1L;
  private final IntParam nChroma = new IntParam(this, "nChroma", "number of chroma bins (n_chroma)",
      ParamValidators.gtEq(1));
  private final DoubleParam tuning = new DoubleParam(this, "tuning",
      "tuning deviation in fractions of a bin (tuning); estimated per clip when unset",
      ParamValidators.inRange(-0.5, 0.5, true, false));

  public Chroma(String uid) {
    super(uid, "chroma");
    setDefault(nChroma, 12);
  }

  public Chroma() {
    this(Identifiable.randomUID("nvChroma"));
  }

  public IntParam nChroma() { return nChroma; }
  public DoubleParam tuning() { return tuning; }

  public Chroma setNChroma(int v) { set(nChroma, v); return this; }
  public Chroma setTuning(double v) { set(tuning, v); return this; }

  @Override
  protected void addOptions(Map<String, String> options) {
    super.addOptions(options);
    put(options, "n_chroma", nChroma);
    put(options, "tuning", tuning);
  }

  @Override
  protected Column featureColumn(Column samples, Column sampleRate, Map<String, String> options) {
    return AudioFunctions.chroma(samples, sampleRate, options);
  }

  @Override
  public Chroma copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<Chroma> read() {
    return new DefaultParamsReader<>();
  }

  public static Chroma load(String path) {
    return read().load(path);
  }
}
