package org.noodlevision.audio.features;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.noodlevision.InvalidParameterException;

/**
 * The features NoodleVision computes, each the same definition as librosa 0.11. Outputs are time-major:
 * {@code [frame][bin]}, the transpose of librosa's {@code (n_bins, n_frames)} arrays.
 */
public enum Feature {
  /** {@code abs(librosa.stft(y))}: magnitude, {@code [frame][1 + n_fft/2]}. */
  SPECTROGRAM("spectrogram"),
  /** {@code abs(librosa.stft(y))**2}: power, {@code [frame][1 + n_fft/2]}. */
  POWER_SPECTROGRAM("power_spectrogram"),
  /** {@code librosa.feature.melspectrogram}: {@code [frame][n_mels]}. */
  MEL_SPECTROGRAM("mel_spectrogram"),
  /** {@code librosa.power_to_db(melspectrogram)}: {@code [frame][n_mels]}, in dB. */
  LOG_MEL_SPECTROGRAM("log_mel_spectrogram"),
  /** {@code librosa.feature.mfcc}: {@code [frame][n_mfcc]}. */
  MFCC("mfcc"),
  /** {@code librosa.feature.chroma_stft}: {@code [frame][n_chroma]}. */
  CHROMA("chroma");

  private final String featureName;

  Feature(String featureName) {
    this.featureName = featureName;
  }

  /** The lower-case name used in CLI flags, option maps and output column names, e.g. {@code mel_spectrogram}. */
  public String featureName() {
    return featureName;
  }

  /** Parses a feature name as written in {@link #featureName()} (case-insensitive). */
  public static Feature fromName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Feature f : values()) {
      if (f.featureName.equals(n)) {
        return f;
      }
    }
    throw new InvalidParameterException("features", name,
        Arrays.stream(values()).map(Feature::featureName).collect(Collectors.joining(", ")));
  }
}
