package org.noodlevision.audio.dsp;

/**
 * Forward real FFT of any size {@code n}, numpy's {@code rfft}: {@code n/2 + 1} bins,
 * {@code X[k] = sum x[t] exp(-2 pi i k t / n)}. Even sizes use one complex FFT of size {@code n/2} (radix-4 Stockham
 * when a power of two, Bluestein otherwise) on the even/odd packed input, then an untangling pass; odd sizes a complex FFT of size {@code n}. Owns scratch buffers: not
 * thread-safe, one per thread.
 */
public final class RealFft {
  private final int n;
  private final ComplexFft fft;
  /** The same plan as {@link #fft} when it is a Stockham plan (no bit reversal: window and packing fuse), else null. */
  private final StockhamFft stockham;
  private final double[] zRe;
  private final double[] zIm;
  private final double[] twRe;
  private final double[] twIm;
  private final double[] windowed;

  public RealFft(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("FFT size must be >= 1, got " + n);
    }
    this.n = n;
    this.windowed = new double[n];
    boolean even = n % 2 == 0;
    int m = even ? n / 2 : n;
    fft = ComplexFft.forSize(m);
    stockham = even && fft instanceof StockhamFft ? (StockhamFft) fft : null;
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
   * Transforms {@code buf[off .. off + n) * window} into {@code re, im[0..n/2]}, the window product formed in float64.
   * For power-of-two sizes the product and the even/odd packing are read by the FFT's first stage (no separate pass).
   */
  public void transformWindowed(float[] buf, int off, double[] window, double[] re, double[] im) {
    if (stockham != null) {
      // window product and even/odd packing read by the FFT's first stage; zRe, zIm are its second buffer
      if (stockham.transformWindowedPairs(buf, off, window, zRe, zIm)) {
        untangle(stockham.scratchRe(), stockham.scratchIm(), re, im);
      } else {
        untangle(zRe, zIm, re, im);
      }
      return;
    }
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
    transformPacked(re, im);
  }

  /** Transforms the packed {@code zRe, zIm} and untangles the real spectrum into {@code re, im}. */
  private void transformPacked(double[] re, double[] im) {
    if (stockham != null && stockham.transformToEither(zRe, zIm)) {
      untangle(stockham.scratchRe(), stockham.scratchIm(), re, im);
      return;
    }
    if (stockham == null) {
      fft.transform(zRe, zIm);
    }
    untangle(zRe, zIm, re, im);
  }

  /** Real spectrum from the half-size complex FFT {@code z} of the even/odd packed input. */
  private void untangle(double[] zr, double[] zi, double[] re, double[] im) {
    int m = n / 2;
    // X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / (2i)
    for (int k = 0; k <= m / 2; k++) {
      int j = k == 0 ? 0 : m - k;
      double ar = zr[k];
      double ai = zi[k];
      double br = zr[j];
      double bi = zi[j];
      double er = 0.5 * (ar + br);
      double ei = 0.5 * (ai - bi);
      double or = 0.5 * (ai + bi);
      double oi = -0.5 * (ar - br);
      // bin k: E + W^k O; bin m - k: conj(E) + W^(m-k) conj(O), and W^(m-k) = -conj(W^k) for n = 2m
      double wr = twRe[k];
      double wi = twIm[k];
      double tr = or * wr - oi * wi;
      double ti = or * wi + oi * wr;
      re[k] = er + tr;
      im[k] = ei + ti;
      int mk = m - k;
      re[mk] = er - tr;
      im[mk] = ti - ei;
    }
    // Nyquist bin: E[0] - O[0]
    double er0 = zr[0];
    double or0 = zi[0];
    re[m] = er0 - or0;
    im[m] = 0.0;
    re[0] = er0 + or0;
    im[0] = 0.0;
  }
}
