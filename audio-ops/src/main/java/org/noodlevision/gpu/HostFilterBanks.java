package org.noodlevision.gpu;

import org.noodlevision.audio.dsp.ChromaFilterBank;
import org.noodlevision.audio.dsp.DctMatrix;
import org.noodlevision.audio.dsp.MelFilterBank;
import org.noodlevision.audio.dsp.Windows;
import org.noodlevision.audio.features.FeatureParams;

/**
 * The host-side tables of librosa 0.11 the kernels read: periodic Hann window (zero-padded and centred), FFT
 * twiddles, Slaney/HTK mel filter bank, chroma filter bank for a tuning, orthonormal DCT-II, and the tuning
 * histogram edges. Computed in float64 and rounded to float32 where librosa stores float32.
 *
 * <p>The banks and windows come from the CPU engine ({@code org.noodlevision.audio.dsp}): CPU and GPU share one
 * definition. Only the flat/float32 layouts the kernels read, the twiddles and the tuning edges are built here.
 */
final class HostFilterBanks {
  private HostFilterBanks() {}

  /** scipy.signal.get_window('hann', winLength, fftbins=True), centred in nFft (librosa.util.pad_center). */
  static double[] window(int nFft, int winLength) {
    return Windows.hannPeriodicCentered(winLength, nFft);
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

  /** librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm), float32, [nMels][1 + nFft/2]. */
  static float[][] mel(FeatureParams p, int sr) {
    return toFloat(MelFilterBank.build(sr, p.nFft(), p.nMels(), p.fmin(), p.fmax(sr), p.htk(),
        p.melNorm() == FeatureParams.MelNorm.SLANEY, true));
  }

  /**
   * librosa.filters.chroma(sr, n_fft, tuning, n_chroma, ctroct=5, octwidth=2, norm=2, base_c=True), float32,
   * [nChroma][1 + nFft/2].
   */
  static float[][] chroma(int sr, int nFft, double tuning, int nChroma) {
    double[][] full = ChromaFilterBank.build(sr, nFft, tuning, nChroma, true);
    int nBins = 1 + nFft / 2;
    float[][] out = new float[full.length][nBins];
    for (int c = 0; c < full.length; c++) {
      for (int k = 0; k < nBins; k++) {
        out[c][k] = (float) full[c][k];
      }
    }
    return out;
  }

  /** scipy.fft.dct(type=2, norm='ortho') rows [nMfcc][nMels], with librosa's lifter folded in (lifter > 0). */
  static float[] dct(int nMfcc, int nMels, double lifter) {
    double[][] d = DctMatrix.orthoDct2(nMfcc, nMels);
    float[] m = new float[nMfcc * nMels];
    for (int q = 0; q < nMfcc; q++) {
      double lift = lifter > 0 ? 1.0 + (lifter / 2) * Math.sin(Math.PI * (q + 1) / lifter) : 1.0;
      for (int n = 0; n < nMels; n++) {
        m[q * nMels + n] = (float) (d[q][n] * lift);
      }
    }
    return m;
  }

  private static float[][] toFloat(double[][] v) {
    float[][] f = new float[v.length][];
    for (int i = 0; i < v.length; i++) {
      f[i] = new float[v[i].length];
      for (int j = 0; j < v[i].length; j++) {
        f[i][j] = (float) v[i][j];
      }
    }
    return f;
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
