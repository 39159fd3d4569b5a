package org.noodlevision.audio.dsp;

/**
 * {@code librosa.filters.mel}: triangular filters on the Slaney (default) or HTK mel scale between fmin and fmax,
 * optionally Slaney-normalised (each triangle scaled by {@code 2 / (f[i+2] - f[i])}).
 */
public final class MelFilterBank {
  private MelFilterBank() {}

  /**
   * Builds the bank {@code [n_mels][1 + n_fft/2]}. With {@code float32} the values are what librosa returns for
   * {@code dtype=np.float32}: each triangle is rounded to float32 when stored, and the Slaney scaling is applied in
   * float64 and rounded to float32 again. With {@code float32 == false}, float64 throughout.
   */
  public static double[][] build(int sampleRate, int nFft, int nMels, double fmin, double fmax, boolean htk,
      boolean slaneyNorm, boolean float32) {
    int bins = 1 + nFft / 2;
    double[] fftFreqs = FrequencyScales.fftFrequencies(sampleRate, nFft);
    double minMel = FrequencyScales.hzToMel(fmin, htk);
    double maxMel = FrequencyScales.hzToMel(fmax, htk);
    double[] mels = FrequencyScales.linspace(minMel, maxMel, nMels + 2, true);
    double[] melF = new double[nMels + 2];
    for (int i = 0; i < melF.length; i++) {
      melF[i] = FrequencyScales.melToHz(mels[i], htk);
    }
    double[][] weights = new double[nMels][bins];
    for (int i = 0; i < nMels; i++) {
      double fdiffLower = melF[i + 1] - melF[i];
      double fdiffUpper = melF[i + 2] - melF[i + 1];
      for (int k = 0; k < bins; k++) {
        double lower = -(melF[i] - fftFreqs[k]) / fdiffLower;
        double upper = (melF[i + 2] - fftFreqs[k]) / fdiffUpper;
        double w = Math.max(0.0, Math.min(lower, upper));
        weights[i][k] = float32 ? (float) w : w;
      }
      if (slaneyNorm) {
        double enorm = 2.0 / (melF[i + 2] - melF[i]);
        for (int k = 0; k < bins; k++) {
          double w = weights[i][k] * enorm;
          weights[i][k] = float32 ? (float) w : w;
        }
      }
    }
    return weights;
  }
}
