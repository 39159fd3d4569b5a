package org.noodlevision.audio.dsp;

/** Iterative decimation-in-time radix-2 complex FFT for power-of-two sizes, with precomputed twiddles. */
final class Radix2Fft extends ComplexFft {
  private final int m;
  private final int[] bitReverse;
  private final double[] cos;
  private final double[] sin;

  Radix2Fft(int m) {
    this.m = m;
    this.bitReverse = new int[m];
    int bits = Integer.numberOfTrailingZeros(m);
    for (int i = 0; i < m; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    int half = Math.max(1, m / 2);
    cos = new double[half];
    sin = new double[half];
    for (int k = 0; k < half; k++) {
      double a = -2.0 * Math.PI * k / m;
      cos[k] = Math.cos(a);
      sin[k] = Math.sin(a);
    }
  }

  @Override
  int size() {
    return m;
  }

  @Override
  void transform(double[] re, double[] im) {
    for (int i = 0; i < m; i++) {
      int j = bitReverse[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    // first stage (length 2): no twiddles
    for (int i = 0; i + 1 < m; i += 2) {
      double ar = re[i];
      double ai = im[i];
      double br = re[i + 1];
      double bi = im[i + 1];
      re[i] = ar + br;
      im[i] = ai + bi;
      re[i + 1] = ar - br;
      im[i + 1] = ai - bi;
    }
    for (int len = 4; len <= m; len <<= 1) {
      int halfLen = len >> 1;
      int step = m / len;
      for (int start = 0; start < m; start += len) {
        for (int k = 0, t = 0; k < halfLen; k++, t += step) {
          int a = start + k;
          int b = a + halfLen;
          double wr = cos[t];
          double wi = sin[t];
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
