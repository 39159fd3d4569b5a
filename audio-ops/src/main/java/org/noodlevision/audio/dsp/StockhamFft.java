package org.noodlevision.audio.dsp;

/**
 * Radix-4 Stockham autosort complex FFT for power-of-two sizes {@code m >= 2} (decimation in frequency, plus one
 * radix-2 stage when {@code log2 m} is odd). Each stage reads one buffer and writes the other, so there is no
 * bit-reversal pass and every inner loop is a unit-stride, branch-free sweep; twiddles are precomputed per stage in
 * contiguous arrays. Owns a scratch buffer pair: not thread-safe.
 *
 * <p>Stage with sub-transform length {@code n} and stride {@code s} ({@code n * s = m}), {@code p < n/4},
 * {@code q < s}, {@code W = exp(-2 pi i / n)}: with {@code a, b, c, d = x[q + s (p + j n/4)]},
 * {@code y[q + s 4p] = (a + c) + (b + d)}, {@code y[q + s (4p + 1)] = W^p ((a - c) - i (b - d))},
 * {@code y[q + s (4p + 2)] = W^2p ((a + c) - (b + d))}, {@code y[q + s (4p + 3)] = W^3p ((a - c) + i (b - d))}.
 */
final class StockhamFft extends ComplexFft {
  private final int m;
  /** Sub-transform length n of each stage, in order. */
  private final int[] stageLen;
  /** Whether each stage is radix-4 (else radix-2: only the last stage, when log2 m is odd). */
  private final boolean[] radix4;
  /** Per stage, W = exp(-2 pi i / n): W^p (radix-2 and radix-4), W^2p and W^3p (radix-4 only). */
  private final double[][] w1Re;
  private final double[][] w1Im;
  private final double[][] w2Re;
  private final double[][] w2Im;
  private final double[][] w3Re;
  private final double[][] w3Im;
  private final double[] bufRe;
  private final double[] bufIm;

  StockhamFft(int m) {
    if (m < 2 || Integer.bitCount(m) != 1) {
      throw new IllegalArgumentException("Stockham FFT size must be a power of two >= 2, got " + m);
    }
    this.m = m;
    int stages = 0;
    for (int n = m; n >= 2; stages++) {
      n /= n >= 4 ? 4 : 2;
    }
    stageLen = new int[stages];
    radix4 = new boolean[stages];
    w1Re = new double[stages][];
    w1Im = new double[stages][];
    w2Re = new double[stages][];
    w2Im = new double[stages][];
    w3Re = new double[stages][];
    w3Im = new double[stages][];
    int n = m;
    for (int st = 0; st < stages; st++) {
      boolean four = n >= 4;
      stageLen[st] = n;
      radix4[st] = four;
      int q = four ? n / 4 : n / 2;
      w1Re[st] = new double[q];
      w1Im[st] = new double[q];
      if (four) {
        w2Re[st] = new double[q];
        w2Im[st] = new double[q];
        w3Re[st] = new double[q];
        w3Im[st] = new double[q];
      }
      for (int p = 0; p < q; p++) {
        double a = -2.0 * Math.PI * p / n;
        w1Re[st][p] = Math.cos(a);
        w1Im[st][p] = Math.sin(a);
        if (four) {
          w2Re[st][p] = Math.cos(2 * a);
          w2Im[st][p] = Math.sin(2 * a);
          w3Re[st][p] = Math.cos(3 * a);
          w3Im[st][p] = Math.sin(3 * a);
        }
      }
      n /= four ? 4 : 2;
    }
    bufRe = new double[m];
    bufIm = new double[m];
  }

  @Override
  int size() {
    return m;
  }

  @Override
  void transform(double[] re, double[] im) {
    if (transformToEither(re, im)) {
      System.arraycopy(bufRe, 0, re, 0, m);
      System.arraycopy(bufIm, 0, im, 0, m);
    }
  }

  /**
   * Transforms {@code re, im} (destroyed); returns true when the result is in the scratch buffers
   * ({@link #scratchRe()}, {@link #scratchIm()}) rather than in {@code re, im}.
   */
  boolean transformToEither(double[] re, double[] im) {
    return stagesFrom(0, re, im, bufRe, bufIm);
  }

  /**
   * The transform of {@code z[t] = buf[off + 2t] window[2t] + i buf[off + 2t + 1] window[2t + 1]}, {@code t < m}
   * (the even/odd packing of a windowed real frame), with the window product and packing read directly by the first
   * stage. {@code re, im} (length >= m) are used as the second buffer; returns as {@link #transformToEither}.
   */
  boolean transformWindowedPairs(float[] buf, int off, double[] window, double[] re, double[] im) {
    if (!radix4[0] || stageLen[0] < 16) {
      for (int t = 0; t < m; t++) {
        re[t] = buf[off + 2 * t] * window[2 * t];
        im[t] = buf[off + 2 * t + 1] * window[2 * t + 1];
      }
      return transformToEither(re, im);
    }
    firstStageWindowed(buf, off, window, bufRe, bufIm);
    return stagesFrom(1, bufRe, bufIm, re, im);
  }

  /** Runs stages {@code first..} from {@code x} (ping-pong with {@code y}); true when the result ends in bufRe. */
  private boolean stagesFrom(int first, double[] xr, double[] xi, double[] yr, double[] yi) {
    for (int st = first; st < stageLen.length; st++) {
      int n = stageLen[st];
      int s = m / n;
      if (!radix4[st]) {
        radix2Stage(n, s, st, xr, xi, yr, yi);
      } else if (n == 4) {
        last4(s, xr, xi, yr, yi);
      } else if (s == 1) {
        firstStage(n, st, xr, xi, yr, yi);
      } else {
        stage(n, s, st, xr, xi, yr, yi);
      }
      double[] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
    }
    return xr == bufRe;
  }

  /** The scratch real part (holds the result when {@link #transformToEither} returned true). */
  double[] scratchRe() {
    return bufRe;
  }

  /** The scratch imaginary part. */
  double[] scratchIm() {
    return bufIm;
  }

  /** Stride-1 stage (n = m): one butterfly per p. */
  private void firstStage(int n, int st, double[] xr, double[] xi, double[] yr, double[] yi) {
    int n1 = n / 4;
    double[] a1r = w1Re[st];
    double[] a1i = w1Im[st];
    double[] a2r = w2Re[st];
    double[] a2i = w2Im[st];
    double[] a3r = w3Re[st];
    double[] a3i = w3Im[st];
    for (int p = 0; p < n1; p++) {
      double ar = xr[p];
      double ai = xi[p];
      double br = xr[p + n1];
      double bi = xi[p + n1];
      double cr = xr[p + 2 * n1];
      double ci = xi[p + 2 * n1];
      double dr = xr[p + 3 * n1];
      double di = xi[p + 3 * n1];
      double apcR = ar + cr;
      double apcI = ai + ci;
      double amcR = ar - cr;
      double amcI = ai - ci;
      double bpdR = br + dr;
      double bpdI = bi + di;
      // j (b - d)
      double jbmdR = di - bi;
      double jbmdI = br - dr;
      int o = 4 * p;
      yr[o] = apcR + bpdR;
      yi[o] = apcI + bpdI;
      double u1r = amcR - jbmdR;
      double u1i = amcI - jbmdI;
      double u2r = apcR - bpdR;
      double u2i = apcI - bpdI;
      double u3r = amcR + jbmdR;
      double u3i = amcI + jbmdI;
      double w1r = a1r[p];
      double w1i = a1i[p];
      double w2r = a2r[p];
      double w2i = a2i[p];
      double w3r = a3r[p];
      double w3i = a3i[p];
      yr[o + 1] = u1r * w1r - u1i * w1i;
      yi[o + 1] = u1r * w1i + u1i * w1r;
      yr[o + 2] = u2r * w2r - u2i * w2i;
      yi[o + 2] = u2r * w2i + u2i * w2r;
      yr[o + 3] = u3r * w3r - u3i * w3i;
      yi[o + 3] = u3r * w3i + u3i * w3r;
    }
  }

  /** {@link #firstStage} reading the windowed, even/odd packed real frame (see {@link #transformWindowedPairs}). */
  private void firstStageWindowed(float[] buf, int off, double[] window, double[] yr, double[] yi) {
    int n1 = m / 4;
    int st = 0;
    double[] a1r = w1Re[st];
    double[] a1i = w1Im[st];
    double[] a2r = w2Re[st];
    double[] a2i = w2Im[st];
    double[] a3r = w3Re[st];
    double[] a3i = w3Im[st];
    for (int p = 0; p < n1; p++) {
      int ta = 2 * p;
      int tb = ta + 2 * n1;
      int tc = tb + 2 * n1;
      int td = tc + 2 * n1;
      double ar = buf[off + ta] * window[ta];
      double ai = buf[off + ta + 1] * window[ta + 1];
      double br = buf[off + tb] * window[tb];
      double bi = buf[off + tb + 1] * window[tb + 1];
      double cr = buf[off + tc] * window[tc];
      double ci = buf[off + tc + 1] * window[tc + 1];
      double dr = buf[off + td] * window[td];
      double di = buf[off + td + 1] * window[td + 1];
      double apcR = ar + cr;
      double apcI = ai + ci;
      double amcR = ar - cr;
      double amcI = ai - ci;
      double bpdR = br + dr;
      double bpdI = bi + di;
      // j (b - d)
      double jbmdR = di - bi;
      double jbmdI = br - dr;
      int o = 4 * p;
      yr[o] = apcR + bpdR;
      yi[o] = apcI + bpdI;
      double u1r = amcR - jbmdR;
      double u1i = amcI - jbmdI;
      double u2r = apcR - bpdR;
      double u2i = apcI - bpdI;
      double u3r = amcR + jbmdR;
      double u3i = amcI + jbmdI;
      double w1r = a1r[p];
      double w1i = a1i[p];
      double w2r = a2r[p];
      double w2i = a2i[p];
      double w3r = a3r[p];
      double w3i = a3i[p];
      yr[o + 1] = u1r * w1r - u1i * w1i;
      yi[o + 1] = u1r * w1i + u1i * w1r;
      yr[o + 2] = u2r * w2r - u2i * w2i;
      yi[o + 2] = u2r * w2i + u2i * w2r;
      yr[o + 3] = u3r * w3r - u3i * w3i;
      yi[o + 3] = u3r * w3i + u3i * w3r;
    }
  }

  /** A stage with stride s > 1: twiddles constant over the unit-stride q loop. */
  private void stage(int n, int s, int st, double[] xr, double[] xi, double[] yr, double[] yi) {
    int n1 = n / 4;
    int step = s * n1;
    double[] a1r = w1Re[st];
    double[] a1i = w1Im[st];
    double[] a2r = w2Re[st];
    double[] a2i = w2Im[st];
    double[] a3r = w3Re[st];
    double[] a3i = w3Im[st];
    for (int p = 0; p < n1; p++) {
      double w1r = a1r[p];
      double w1i = a1i[p];
      double w2r = a2r[p];
      double w2i = a2i[p];
      double w3r = a3r[p];
      double w3i = a3i[p];
      int in0 = s * p;
      int out0 = 4 * s * p;
      for (int q = 0; q < s; q++) {
        int i0 = in0 + q;
        double ar = xr[i0];
        double ai = xi[i0];
        double br = xr[i0 + step];
        double bi = xi[i0 + step];
        double cr = xr[i0 + 2 * step];
        double ci = xi[i0 + 2 * step];
        double dr = xr[i0 + 3 * step];
        double di = xi[i0 + 3 * step];
        double apcR = ar + cr;
        double apcI = ai + ci;
        double amcR = ar - cr;
        double amcI = ai - ci;
        double bpdR = br + dr;
        double bpdI = bi + di;
        double jbmdR = di - bi;
        double jbmdI = br - dr;
        int o = out0 + q;
        yr[o] = apcR + bpdR;
        yi[o] = apcI + bpdI;
        double u1r = amcR - jbmdR;
        double u1i = amcI - jbmdI;
        double u2r = apcR - bpdR;
        double u2i = apcI - bpdI;
        double u3r = amcR + jbmdR;
        double u3i = amcI + jbmdI;
        yr[o + s] = u1r * w1r - u1i * w1i;
        yi[o + s] = u1r * w1i + u1i * w1r;
        yr[o + 2 * s] = u2r * w2r - u2i * w2i;
        yi[o + 2 * s] = u2r * w2i + u2i * w2r;
        yr[o + 3 * s] = u3r * w3r - u3i * w3i;
        yi[o + 3 * s] = u3r * w3i + u3i * w3r;
      }
    }
  }

  /** The last radix-4 stage (n = 4, s = m/4): the twiddles are all 1. */
  private static void last4(int s, double[] xr, double[] xi, double[] yr, double[] yi) {
    for (int q = 0; q < s; q++) {
      double ar = xr[q];
      double ai = xi[q];
      double br = xr[q + s];
      double bi = xi[q + s];
      double cr = xr[q + 2 * s];
      double ci = xi[q + 2 * s];
      double dr = xr[q + 3 * s];
      double di = xi[q + 3 * s];
      double apcR = ar + cr;
      double apcI = ai + ci;
      double amcR = ar - cr;
      double amcI = ai - ci;
      double bpdR = br + dr;
      double bpdI = bi + di;
      double jbmdR = di - bi;
      double jbmdI = br - dr;
      yr[q] = apcR + bpdR;
      yi[q] = apcI + bpdI;
      yr[q + s] = amcR - jbmdR;
      yi[q + s] = amcI - jbmdI;
      yr[q + 2 * s] = apcR - bpdR;
      yi[q + 2 * s] = apcI - bpdI;
      yr[q + 3 * s] = amcR + jbmdR;
      yi[q + 3 * s] = amcI + jbmdI;
    }
  }

  /**
   * A radix-2 stage (n, s): {@code y[q + s 2p] = a + b}, {@code y[q + s (2p + 1)] = W^p (a - b)} with
   * {@code a, b = x[q + s p], x[q + s (p + n/2)]}.
   */
  private void radix2Stage(int n, int s, int st, double[] xr, double[] xi, double[] yr, double[] yi) {
    int half = n / 2;
    int step = s * half;
    double[] a1r = w1Re[st];
    double[] a1i = w1Im[st];
    for (int p = 0; p < half; p++) {
      double wr = a1r[p];
      double wi = a1i[p];
      int in0 = s * p;
      int out0 = 2 * s * p;
      int out1 = out0 + s;
      for (int q = 0; q < s; q++) {
        double ar = xr[in0 + q];
        double ai = xi[in0 + q];
        double br = xr[in0 + step + q];
        double bi = xi[in0 + step + q];
        double dr = ar - br;
        double di = ai - bi;
        yr[out0 + q] = ar + br;
        yi[out0 + q] = ai + bi;
        yr[out1 + q] = dr * wr - di * wi;
        yi[out1 + q] = dr * wi + di * wr;
      }
    }
  }
}
