package org.noodlevision.examples.render;

import java.util.ArrayList;
import java.util.List;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/**
 * The vertical axis of a feature plot, as librosa.display.specshow draws it: Hz (linear) for spectrograms, Hz at
 * mel-spaced positions for mel features, pitch classes for chroma, coefficient numbers for MFCC.
 */
final class FrequencyAxis {
  private static final String[] PITCH_CLASSES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};

  /** A tick: the bin coordinate (0 = centre of the lowest bin) and its label. */
  record Tick(double bin, String label) {}

  private FrequencyAxis() {}

  /** The axis title for {@code feature}. */
  static String title(Feature feature) {
    switch (feature) {
      case SPECTROGRAM: case POWER_SPECTROGRAM: return "Hz";
      case MEL_SPECTROGRAM: case LOG_MEL_SPECTROGRAM: return "Hz (mel scale)";
      case CHROMA: return "Pitch class";
      default: return "MFCC";
    }
  }

  /** Ticks for a feature with {@code numBins} rows at {@code sampleRate}. */
  static List<Tick> ticks(Feature feature, int numBins, int sampleRate, FeatureParams params) {
    List<Tick> out = new ArrayList<>();
    switch (feature) {
      case SPECTROGRAM: case POWER_SPECTROGRAM: {
        double binHz = (double) sampleRate / params.nFft();
        for (double hz : Ticks.nice(0, sampleRate / 2.0, 6)) {
          out.add(new Tick(hz / binHz, Ticks.label(hz)));
        }
        return out;
      }
      case MEL_SPECTROGRAM: case LOG_MEL_SPECTROGRAM: {
        double fmin = params.fmin();
        double fmax = params.fmax(sampleRate);
        boolean htk = params.htk();
        double melLo = mel(fmin, htk);
        double melHi = mel(fmax, htk);
        for (double hz = 64; hz < fmax; hz *= 2) {
          if (hz > fmin) {
            // band i is centred on mel point i + 1 of n_mels + 2 equally spaced points
            double bin = (mel(hz, htk) - melLo) / (melHi - melLo) * (numBins + 1) - 1;
            out.add(new Tick(bin, Ticks.label(hz)));
          }
        }
        return out;
      }
      case CHROMA:
        for (int i = 0; i < numBins; i++) {
          out.add(new Tick(i, numBins == 12 ? PITCH_CLASSES[i] : Integer.toString(i)));
        }
        return out;
      default:
        for (double c : Ticks.nice(0, numBins - 1, 5)) {
          out.add(new Tick(c, Ticks.label(c)));
        }
        return out;
    }
  }

  /** librosa's hz_to_mel: HTK's formula, or the Slaney scale (htk=False, linear below 1 kHz, log above). */
  static double mel(double hz, boolean htk) {
    if (htk) {
      return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }
    double fSp = 200.0 / 3;
    double minLogHz = 1000.0;
    double minLogMel = minLogHz / fSp;
    double logStep = Math.log(6.4) / 27.0;
    return hz < minLogHz ? hz / fSp : minLogMel + Math.log(hz / minLogHz) / logStep;
  }
}
