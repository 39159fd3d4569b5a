package org.noodlevision.spark.ml;

import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.noodlevision.spark.AudioFunctions;

/** {@code abs(librosa.stft(y))} as a Transformer: {@code outputCol} (default {@code spectrogram}) is {@code [frame][1 + nFft/2]}. */
public final class Spectrogram extends AudioFeatureTransformer<Spectrogram> {
  private static final long serialVersionUID = 1L;

  public Spectrogram(String uid) {
    super(uid, "spectrogram");
  }

  public Spectrogram() {
    this(Identifiable.randomUID("nvSpectrogram"));
  }

  @Override
  protected Column featureColumn(Column samples, Column sampleRate, Map<String, String> options) {
    return AudioFunctions.spectrogram(samples, sampleRate, options);
  }

  @Override
  public Spectrogram copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<Spectrogram> read() {
    return new DefaultParamsReader<>();
  }

  public static Spectrogram load(String path) {
    return read().load(path);
  }
}
