package org.noodlevision.audio.dsp;

/**
 * A frozen copy of the engine's real FFT before the Stockham rewrite (commit 8fd391f: bit-reversed radix-2^2 complex
 * FFT, window applied in a separate pass, original untangle), kept only so that {@link FftBenchmarks} measures old
 * and new in the same run. Not used by the engine.
 */
final class LegacyRealFft {
  private final int n;
  private final ComplexFft fft;
  private final double[] zRe;
  private final double[] zIm;
  private final double[] twRe;
  private final double[] twIm;
  private final double[] windowed;

  LegacyRealFft(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FFT size must be >= 1, got " + n);
    }
    this.n = n;
    this.windowed = new double[n];
    boolean even = n % 2 == 0;
    int m = even ? n / 2 : n;
    fft = Integer.bitCount(m) == 1 ? new Radix2Fft(m) : ComplexFft.forSize(m);
    zRe = new double[m];
    zIm = new double[m];
    if (even) {
      twRe = new double[m + 1];
      twIm = new double[m + 1];
      for (int k = 0; k <= m; k++) {
        double a = -2.0 * Math.PI * k / n;
        twRe[k] = Math.cos(a);
        twIm[k] = Math.sin(a);
      }
    } else {
      twRe = null;
      twIm = null;
    }
  }

  public int size() {
    return n;
  }

  /** Number of output bins, {@code n/2 + 1}. */
  public int numBins() {
    return n / 2 + 1;
  }

  /**
   * Transforms {@code buf[off .. off + n) * window} into {@code re, im[0..n/2]}: the window product is formed in
   * float64 by one contiguous (vectorisable) loop, measured faster than fusing it into the even/odd packing.
   */
  public void transformWindowed(float[] buf, int off, double[] window, double[] re, double[] im) {
    double[] x = windowed;
    for (int t = 0; t < n; t++) {
      x[t] = buf[off + t] * window[t];
    }
    transform(x, re, im);
  }

  /** Transforms {@code x[0..n)} into {@code re, im[0..n/2]}. */
  public void transform(double[] x, double[] re, double[] im) {
    if (twRe == null) {
      for (int t = 0; t < n; t++) {
        zRe[t] = x[t];
        zIm[t] = 0.0;
      }
      fft.transform(zRe, zIm);
      int bins = numBins();
      System.arraycopy(zRe, 0, re, 0, bins);
      System.arraycopy(zIm, 0, im, 0, bins);
      return;
    }
    int m = n / 2;
    for (int t = 0; t < m; t++) {
      zRe[t] = x[2 * t];
      zIm[t] = x[2 * t + 1];
    }
    fft.transform(zRe, zIm);
    untangle(re, im);
  }

  /** Real spectrum from the half-size complex FFT {@code z} of the even/odd packed input. */
  private void untangle(double[] re, double[] im) {
    int m = n / 2;
    // X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / (2i)
    for (int k = 0; k <= m / 2; k++) {
      int j = k == 0 ? 0 : m - k;
      double ar = zRe[k];
      double ai = zIm[k];
      double br = zRe[j];
      double bi = zIm[j];
      double er = 0.5 * (ar + br);
      double ei = 0.5 * (ai - bi);
      double or = 0.5 * (ai + bi);
      double oi = -0.5 * (ar - br);
      // bin k
      double wr = twRe[k];
      double wi = twIm[k];
      re[k] = er + (or * wr - oi * wi);
      im[k] = ei + (or * wi + oi * wr);
      // bin m - k (uses conjugate symmetry of E and O)
      int mk = m - k;
      double wr2 = twRe[mk];
      double wi2 = twIm[mk];
      double er2 = er;
      double ei2 = -ei;
      double or2 = or;
      double oi2 = -oi;
      re[mk] = er2 + (or2 * wr2 - oi2 * wi2);
      im[mk] = ei2 + (or2 * wi2 + oi2 * wr2);
    }
    // Nyquist bin: E[0] - O[0]
    double er0 = zRe[0];
    double or0 = zIm[0];
    re[m] = er0 - or0;
    im[m] = 0.0;
    re[0] = er0 + or0;
    im[0] = 0.0;
  }
}
