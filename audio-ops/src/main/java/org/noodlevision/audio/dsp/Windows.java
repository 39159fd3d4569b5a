package org.noodlevision.audio.dsp;

/** Analysis windows as librosa builds them. */
public final class Windows {
  private Windows() {}

  /**
   * scipy's {@code get_window('hann', winLength, fftbins=True)} (periodic Hann), zero-padded and centred to
   * {@code nFft} as librosa's {@code util.pad_center} does (left pad {@code (nFft - winLength) / 2}). float64.
   */
  public static double[] hannPeriodicCentered(int winLength, int nFft) {
    if (winLength < 1 || winLength > nFft) {
      throw new IllegalArgumentException("win_length " + winLength + " must be in [1, n_fft=" + nFft + "]");
    }
    double[] w = new double[nFft];
    int left = (nFft - winLength) / 2;
    if (winLength == 1) {
      w[left] = 1.0;
      return w;
    }
    // scipy: symmetric window of winLength + 1 points, last dropped; fac = linspace(-pi, pi, winLength + 1)
    int points = winLength + 1;
    double step = (2.0 * Math.PI) / (points - 1);
    for (int i = 0; i < winLength; i++) {
      double fac = i * step + (-Math.PI);
      w[left + i] = 0.5 + 0.5 * Math.cos(fac);
    }
    return w;
  }
}
