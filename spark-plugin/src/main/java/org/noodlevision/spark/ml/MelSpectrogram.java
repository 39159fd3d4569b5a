package org.noodlevision.spark.ml;

import java.util.Map;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.noodlevision.spark.AudioFunctions;

/** {@code librosa.feature.melspectrogram} as a Transformer: {@code outputCol} (default {@code mel_spectrogram}) is {@code [frame][nMels]}. */
public final class MelSpectrogram extends MelParamsTransformer<MelSpectrogram> {
  private static final long serialVersionUID = 1L;

  public MelSpectrogram(String uid) {
    super(uid, "mel_spectrogram");
  }

  public MelSpectrogram() {
    this(Identifiable.randomUID("nvMelSpectrogram"));
  }

  @Override
  protected Column featureColumn(Column samples, Column sampleRate, Map<String, String> options) {
    return AudioFunctions.melSpectrogram(samples, sampleRate, options);
  }

  @Override
  public MelSpectrogram copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MelSpectrogram> read() {
    return new DefaultParamsReader<>();
  }

  public static MelSpectrogram load(String path) {
    return read().load(path);
  }
}
