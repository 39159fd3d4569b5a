package org.noodlevision.audio.dsp;

/**
 * Iterative decimation-in-time complex FFT for power-of-two sizes. After the bit-reversal permutation, pairs of
 * radix-2 stages are fused into one radix-2^2 pass over 4 points (3 complex multiplications instead of 4, half the
 * memory passes); twiddles are stored contiguously per fused stage.
 */
final class Radix2Fft extends ComplexFft {
  private final int m;
  private final int[] bitReverse;
  private final boolean leadingRadix2;
  /** Per fused stage (half length h), W = W_{4h}: W^k, W^2k, W^3k for k in [0, h). */
  private final double[][] w1Re;
  private final double[][] w1Im;
  private final double[][] w2Re;
  private final double[][] w2Im;
  private final double[][] w3Re;
  private final double[][] w3Im;

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
    w3Re = new double[fused][];
    w3Im = new double[fused][];
    int h = leadingRadix2 ? 2 : 1;
    for (int s = 0; s < fused; s++, h *= 4) {
      w1Re[s] = new double[h];
      w1Im[s] = new double[h];
      w2Re[s] = new double[h];
      w2Im[s] = new double[h];
      w3Re[s] = new double[h];
      w3Im[s] = new double[h];
      for (int k = 0; k < h; k++) {
        for (int j = 1; j <= 3; j++) {
          double a = -2.0 * Math.PI * j * k / (4.0 * h);
          double[] wr = j == 1 ? w1Re[s] : j == 2 ? w2Re[s] : w3Re[s];
          double[] wi = j == 1 ? w1Im[s] : j == 2 ? w2Im[s] : w3Im[s];
          wr[k] = Math.cos(a);
          wi[k] = Math.sin(a);
        }
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
      double[] a3r = w3Re[s];
      double[] a3i = w3Im[s];
      int span = 4 * h;
      for (int start = 0; start < m; start += span) {
        for (int k = 0; k < h; k++) {
          int p0 = start + k;
          int p1 = p0 + h;
          int p2 = p1 + h;
          int p3 = p2 + h;
          // radix-2^2 butterfly with W = W_{4h}: a = x0, b = W^2k x1, c = W^k x2, d = W^3k x3
          double w1r = a1r[k];
          double w1i = a1i[k];
          double w2r = a2r[k];
          double w2i = a2i[k];
          double w3r = a3r[k];
          double w3i = a3i[k];
          double x1r = re[p1];
          double x1i = im[p1];
          double x2r = re[p2];
          double x2i = im[p2];
          double x3r = re[p3];
          double x3i = im[p3];
          double br = x1r * w2r - x1i * w2i;
          double bi = x1r * w2i + x1i * w2r;
          double cr = x2r * w1r - x2i * w1i;
          double ci = x2r * w1i + x2i * w1r;
          double dr = x3r * w3r - x3i * w3i;
          double di = x3r * w3i + x3i * w3r;
          double ar = re[p0];
          double ai = im[p0];
          double s0r = ar + br;
          double s0i = ai + bi;
          double s1r = ar - br;
          double s1i = ai - bi;
          double t0r = cr + dr;
          double t0i = ci + di;
          double t1r = cr - dr;
          double t1i = ci - di;
          re[p0] = s0r + t0r;
          im[p0] = s0i + t0i;
          re[p2] = s0r - t0r;
          im[p2] = s0i - t0i;
          // -i (t1) = t1i - i t1r
          re[p1] = s1r + t1i;
          im[p1] = s1i - t1r;
          re[p3] = s1r - t1i;
          im[p3] = s1i + t1r;
        }
      }
    }
  }
}
