package org.noodlevision.audio.dsp;

/**
 * Iterative decimation-in-time complex FFT for power-of-two sizes. After the bit-reversal permutation, pairs of
 * radix-2 stages are fused into one pass over 4 points (3 complex multiplications instead of 4, half the memory
 * passes); twiddles are stored contiguously per fused stage.
 */
final class Radix2Fft extends ComplexFft {
  private final int m;
  private final int[] bitReverse;
  private final boolean leadingRadix2;
  /** Per fused stage (half length h): W_{2h}^k and W_{4h}^k for k in [0, h). */
  private final double[][] w1Re;
  private final double[][] w1Im;
  private final double[][] w2Re;
  private final double[][] w2Im;

  Radix2Fft(int m) {
    this.m = m;
    this.bitReverse = new int[m];
    int bits = Integer.numberOfTrailingZeros(m);
    for (int i = 0; i < m; i++) {
      bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
    }
    leadingRadix2 = bits % 2 == 1;
    int fused = bits / 2;
    w1Re = new double[fused][];
    w1Im = new double[fused][];
    w2Re = new double[fused][];
    w2Im = new double[fused][];
    int h = leadingRadix2 ? 2 : 1;
    for (int s = 0; s < fused; s++, h *= 4) {
      w1Re[s] = new double[h];
      w1Im[s] = new double[h];
      w2Re[s] = new double[h];
      w2Im[s] = new double[h];
      for (int k = 0; k < h; k++) {
        double a1 = -2.0 * Math.PI * k / (2.0 * h);
        double a2 = -2.0 * Math.PI * k / (4.0 * h);
        w1Re[s][k] = Math.cos(a1);
        w1Im[s][k] = Math.sin(a1);
        w2Re[s][k] = Math.cos(a2);
        w2Im[s][k] = Math.sin(a2);
      }
    }
  }

  @Override
  int size() {
    return m;
  }

  /** The bit-reversal permutation: input {@code i} belongs at {@code bitReverse()[i]}. */
  int[] bitReverse() {
    return bitReverse;
  }

  @Override
  void transform(double[] re, double[] im) {
    permute(re, im);
    transformPermuted(re, im);
  }

  private void permute(double[] re, double[] im) {
    int[] rev = bitReverse;
    for (int i = 0; i < m; i++) {
      int j = rev[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
  }

  /** The transform of input already stored in bit-reversed order. */
  void transformPermuted(double[] re, double[] im) {
    int h = 1;
    if (leadingRadix2) {
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
      h = 2;
    }
    int first = 0;
    if (h == 1 && w1Re.length > 0) {
      // h = 1: all twiddles are 1 (and -i)
      for (int p0 = 0; p0 < m; p0 += 4) {
        double b0r = re[p0] + re[p0 + 1];
        double b0i = im[p0] + im[p0 + 1];
        double b1r = re[p0] - re[p0 + 1];
        double b1i = im[p0] - im[p0 + 1];
        double b2r = re[p0 + 2] + re[p0 + 3];
        double b2i = im[p0 + 2] + im[p0 + 3];
        double b3r = re[p0 + 2] - re[p0 + 3];
        double b3i = im[p0 + 2] - im[p0 + 3];
        re[p0] = b0r + b2r;
        im[p0] = b0i + b2i;
        re[p0 + 2] = b0r - b2r;
        im[p0 + 2] = b0i - b2i;
        re[p0 + 1] = b1r + b3i;
        im[p0 + 1] = b1i - b3r;
        re[p0 + 3] = b1r - b3i;
        im[p0 + 3] = b1i + b3r;
      }
      first = 1;
      h = 4;
    }
    for (int s = first; s < w1Re.length; s++, h *= 4) {
      double[] a1r = w1Re[s];
      double[] a1i = w1Im[s];
      double[] a2r = w2Re[s];
      double[] a2i = w2Im[s];
      int span = 4 * h;
      for (int start = 0; start < m; start += span) {
        for (int k = 0; k < h; k++) {
          int p0 = start + k;
          int p1 = p0 + h;
          int p2 = p1 + h;
          int p3 = p2 + h;
          double wr = a1r[k];
          double wi = a1i[k];
          double x1r = re[p1] * wr - im[p1] * wi;
          double x1i = re[p1] * wi + im[p1] * wr;
          double x3r = re[p3] * wr - im[p3] * wi;
          double x3i = re[p3] * wi + im[p3] * wr;
          double b0r = re[p0] + x1r;
          double b0i = im[p0] + x1i;
          double b1r = re[p0] - x1r;
          double b1i = im[p0] - x1i;
          double b2r = re[p2] + x3r;
          double b2i = im[p2] + x3i;
          double b3r = re[p2] - x3r;
          double b3i = im[p2] - x3i;
          double vr = a2r[k];
          double vi = a2i[k];
          double ur = b2r * vr - b2i * vi;
          double ui = b2r * vi + b2i * vr;
          // W_{4h}^{k+h} = -i W_{4h}^k
          double tr = b3r * vr - b3i * vi;
          double ti = b3r * vi + b3i * vr;
          double qr = ti;
          double qi = -tr;
          re[p0] = b0r + ur;
          im[p0] = b0i + ui;
          re[p2] = b0r - ur;
          im[p2] = b0i - ui;
          re[p1] = b1r + qr;
          im[p1] = b1i + qi;
          re[p3] = b1r - qr;
          im[p3] = b1i - qi;
        }
      }
    }
  }
}
