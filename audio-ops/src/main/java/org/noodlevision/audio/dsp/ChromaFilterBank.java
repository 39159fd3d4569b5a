package org.noodlevision.audio.dsp;

/**
 * {@code librosa.filters.chroma(sr, n_fft, tuning, n_chroma, ctroct=5.0, octwidth=2, norm=2, base_c=True)}: Gaussian
 * bumps around each chroma bin per FFT bin, columns L2-normalised, weighted by a Gaussian over octaves centred on
 * octave 5, rows rolled to start at C. Built in float64; {@code float32} rounds the result as librosa's dtype does.
 */
public final class ChromaFilterBank {
  private static final double CTROCT = 5.0;
  private static final double OCTWIDTH = 2.0;

  private ChromaFilterBank() {}

  public static double[][] build(int sampleRate, int nFft, double tuning, int nChroma, boolean float32) {
    // frequencies = linspace(0, sr, n_fft, endpoint=False)[1:]
    double[] freqs = FrequencyScales.linspace(0.0, sampleRate, nFft, false);
    double[] frqbins = new double[nFft];
    for (int k = 1; k < nFft; k++) {
      frqbins[k] = nChroma * FrequencyScales.hzToOcts(freqs[k], tuning, nChroma);
    }
    // the 0 Hz bin: 1.5 octaves below bin 1
    frqbins[0] = nFft > 1 ? frqbins[1] - 1.5 * nChroma : 0.0;
    double[] binwidth = new double[nFft];
    for (int k = 0; k < nFft - 1; k++) {
      binwidth[k] = Math.max(frqbins[k + 1] - frqbins[k], 1.0);
    }
    binwidth[nFft - 1] = 1.0;
    double half = Math.rint(nChroma / 2.0);
    double[][] wts = new double[nChroma][nFft];
    for (int k = 0; k < nFft; k++) {
      double norm2 = 0.0;
      for (int c = 0; c < nChroma; c++) {
        double d = frqbins[k] - c;
        d = floorMod(d + half + 10.0 * nChroma, nChroma) - half;
        double x = 2.0 * d / binwidth[k];
        double w = Math.exp(-0.5 * x * x);
        wts[c][k] = w;
        norm2 += w * w;
      }
      double length = Math.pow(norm2, 0.5);
      if (length < Double.MIN_NORMAL) {
        length = 1.0;
      }
      double oct = (frqbins[k] / nChroma - CTROCT) / OCTWIDTH;
      double octWeight = Math.exp(-0.5 * oct * oct);
      for (int c = 0; c < nChroma; c++) {
        wts[c][k] = wts[c][k] / length * octWeight;
      }
    }
    int shift = 3 * (nChroma / 12);
    int bins = 1 + nFft / 2;
    double[][] out = new double[nChroma][bins];
    for (int c = 0; c < nChroma; c++) {
      int src = Math.floorMod(c + shift, nChroma); // np.roll(wts, -shift, axis=0)
      for (int k = 0; k < bins; k++) {
        double w = wts[src][k];
        out[c][k] = float32 ? (float) w : w;
      }
    }
    return out;
  }

  /** numpy's {@code np.remainder} for floats: result has the sign of the divisor. */
  private static double floorMod(double a, double b) {
    double r = a % b;
    if (r != 0 && (r < 0) != (b < 0)) {
      r += b;
    }
    return r;
  }
}
