package org.noodlevision.gpu;

import org.noodlevision.audio.features.FeatureParams;

/**
 * The host-side tables of librosa 0.11 the kernels read: periodic Hann window (zero-padded and centred), FFT
 * twiddles, Slaney/HTK mel filter bank, chroma filter bank for a tuning, orthonormal DCT-II, and the tuning
 * histogram edges. Computed in float64 and rounded to float32 where librosa stores float32.
 *
 * <p>GPU-local copy until the DSP engine's filter banks ({@code org.noodlevision.audio.dsp}) are on main; then
 * these delegate there so CPU and GPU share one definition.
 */
final class HostFilterBanks {
  private HostFilterBanks() {}

  /** scipy.signal.get_window('hann', winLength, fftbins=True), centred in nFft (librosa.util.pad_center). */
  static double[] window(int nFft, int winLength) {
    double[] w = new double[nFft];
    int lpad = (nFft - winLength) / 2;
    double step = 2 * Math.PI / winLength;  // linspace(-pi, pi, winLength + 1)
    for (int n = 0; n < winLength; n++) {
      double fac = -Math.PI + n * step;
      w[lpad + n] = 0.5 + 0.5 * Math.cos(fac);
    }
    if (winLength == 1) {
      w[lpad] = 1.0;
    }
    return w;
  }

  /** exp(-2 pi i j / n) for j in [0, n), interleaved (re, im). */
  static double[] twiddles(int n) {
    double[] tw = new double[2 * n];
    for (int j = 0; j < n; j++) {
      double a = 2 * Math.PI * j / n;
      tw[2 * j] = Math.cos(a);
      tw[2 * j + 1] = -Math.sin(a);
    }
    return tw;
  }

  static double hzToMel(double f, boolean htk) {
    if (htk) {
      return 2595.0 * Math.log10(1.0 + f / 700.0);
    }
    double fSp = 200.0 / 3;
    double mels = f / fSp;
    double minLogHz = 1000.0;
    double minLogMel = minLogHz / fSp;
    double logstep = Math.log(6.4) / 27.0;
    return f >= minLogHz ? minLogMel + Math.log(f / minLogHz) / logstep : mels;
  }

  static double melToHz(double m, boolean htk) {
    if (htk) {
      return 700.0 * (Math.pow(10.0, m / 2595.0) - 1.0);
    }
    double fSp = 200.0 / 3;
    double minLogHz = 1000.0;
    double minLogMel = minLogHz / fSp;
    double logstep = Math.log(6.4) / 27.0;
    return m >= minLogMel ? minLogHz * Math.exp(logstep * (m - minLogMel)) : fSp * m;
  }

  /** librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm), float32, [nMels][1 + nFft/2]. */
  static float[][] mel(FeatureParams p, int sr) {
    int nFft = p.nFft();
    int nBins = 1 + nFft / 2;
    int nMels = p.nMels();
    double fmax = p.fmax(sr);
    double[] fftFreqs = new double[nBins];
    double val = 1.0 / (nFft * (1.0 / sr));
    for (int k = 0; k < nBins; k++) {
      fftFreqs[k] = k * val;
    }
    double minMel = hzToMel(p.fmin(), p.htk());
    double maxMel = hzToMel(fmax, p.htk());
    double[] melF = new double[nMels + 2];
    double step = (maxMel - minMel) / (nMels + 1);
    for (int i = 0; i < nMels + 2; i++) {
      melF[i] = melToHz(i == nMels + 1 ? maxMel : i * step + minMel, p.htk());
    }
    float[][] w = new float[nMels][nBins];
    for (int i = 0; i < nMels; i++) {
      double fd0 = melF[i + 1] - melF[i];
      double fd1 = melF[i + 2] - melF[i + 1];
      double enorm = 2.0 / (melF[i + 2] - melF[i]);
      for (int k = 0; k < nBins; k++) {
        double lower = -(melF[i] - fftFreqs[k]) / fd0;
        double upper = (melF[i + 2] - fftFreqs[k]) / fd1;
        float v = (float) Math.max(0.0, Math.min(lower, upper));
        w[i][k] = p.melNorm() == FeatureParams.MelNorm.SLANEY ? (float) (v * enorm) : v;
      }
    }
    return w;
  }

  /**
   * librosa.filters.chroma(sr, n_fft, tuning, n_chroma, ctroct=5, octwidth=2, norm=2, base_c=True), float32,
   * [nChroma][1 + nFft/2].
   */
  static float[][] chroma(int sr, int nFft, double tuning, int nChroma) {
    int nBins = 1 + nFft / 2;
    double a440 = 440.0 * Math.pow(2.0, tuning / nChroma);
    double[] frq = new double[nBins + 1];  // frqbins[0..nBins]
    double fstep = (double) sr / nFft;
    for (int j = 1; j <= nBins && j < nFft; j++) {
      double f = j * fstep;
      frq[j] = nChroma * (Math.log(f / (a440 / 16)) / Math.log(2.0));
    }
    frq[0] = frq[1] - 1.5 * nChroma;
    double nChroma2 = Math.rint(nChroma / 2.0);
    float[][] out = new float[nChroma][nBins];
    double[] col = new double[nChroma];
    for (int j = 0; j < nBins; j++) {
      double width = j + 1 < nFft ? Math.max(frq[j + 1] - frq[j], 1.0) : 1.0;
      double norm2 = 0;
      for (int c = 0; c < nChroma; c++) {
        double d = frq[j] - c + nChroma2 + 10.0 * nChroma;
        d = d - Math.floor(d / nChroma) * nChroma;  // numpy.remainder (sign of divisor)
        d -= nChroma2;
        double z = 2 * d / width;
        col[c] = Math.exp(-0.5 * z * z);
        norm2 += col[c] * col[c];
      }
      double len = Math.sqrt(norm2);
      double oct = (frq[j] / nChroma - 5.0) / 2.0;
      double octWeight = Math.exp(-0.5 * oct * oct);
      int roll = 3 * (nChroma / 12);
      for (int c = 0; c < nChroma; c++) {
        double v = (len < Double.MIN_NORMAL ? col[c] : col[c] / len) * octWeight;
        int dst = Math.floorMod(c - roll, nChroma);  // np.roll(wts, -roll, axis=0)
        out[dst][j] = (float) v;
      }
    }
    return out;
  }

  /** scipy.fft.dct(type=2, norm='ortho') rows [nMfcc][nMels], with librosa's lifter folded in (lifter > 0). */
  static float[] dct(int nMfcc, int nMels, double lifter) {
    float[] m = new float[nMfcc * nMels];
    for (int q = 0; q < nMfcc; q++) {
      double scale = q == 0 ? Math.sqrt(1.0 / nMels) : Math.sqrt(2.0 / nMels);
      double lift = lifter > 0 ? 1.0 + (lifter / 2) * Math.sin(Math.PI * (q + 1) / lifter) : 1.0;
      for (int n = 0; n < nMels; n++) {
        m[q * nMels + n] = (float) (Math.cos(Math.PI * q * (2 * n + 1) / (2.0 * nMels)) * scale * lift);
      }
    }
    return m;
  }

  /** numpy.linspace(-0.5, 0.5, 101): the bin edges of librosa.pitch_tuning at resolution 0.01. */
  static double[] tuningEdges() {
    int num = 101;
    double step = 1.0 / (num - 1);
    double[] e = new double[num];
    for (int i = 0; i < num; i++) {
      e[i] = i * step + -0.5;
    }
    e[num - 1] = 0.5;
    return e;
  }
}
