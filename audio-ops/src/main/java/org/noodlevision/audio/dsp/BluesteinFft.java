package org.noodlevision.audio.dsp;

/**
 * Bluestein's chirp-z algorithm: a DFT of any size {@code m} as a circular convolution of power-of-two size
 * {@code >= 2m - 1}. Exact up to rounding; used for sizes that are not powers of two.
 */
final class BluesteinFft extends ComplexFft {
  private final int m;
  private final Radix2Fft conv;
  private final double[] chirpRe;
  private final double[] chirpIm;
  private final double[] kernelRe;
  private final double[] kernelIm;
  private final double[] workRe;
  private final double[] workIm;

  BluesteinFft(int m) {
    this.m = m;
    int size = Integer.highestOneBit(Math.max(1, 2 * m - 1));
    if (size < 2 * m - 1) {
      size <<= 1;
    }
    conv = new Radix2Fft(size);
    chirpRe = new double[m];
    chirpIm = new double[m];
    long twoM = 2L * m;
    for (int k = 0; k < m; k++) {
      long kk = ((long) k * k) % twoM; // keeps the angle exact for large k
      double a = -Math.PI * kk / m;
      chirpRe[k] = Math.cos(a);
      chirpIm[k] = Math.sin(a);
    }
    kernelRe = new double[size];
    kernelIm = new double[size];
    for (int k = 0; k < m; k++) {
      kernelRe[k] = chirpRe[k];
      kernelIm[k] = -chirpIm[k];
      if (k > 0) {
        kernelRe[size - k] = chirpRe[k];
        kernelIm[size - k] = -chirpIm[k];
      }
    }
    conv.transform(kernelRe, kernelIm);
    workRe = new double[size];
    workIm = new double[size];
  }

  @Override
  int size() {
    return m;
  }

  @Override
  void transform(double[] re, double[] im) {
    int size = workRe.length;
    for (int k = 0; k < m; k++) {
      workRe[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
      workIm[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
    }
    java.util.Arrays.fill(workRe, m, size, 0.0);
    java.util.Arrays.fill(workIm, m, size, 0.0);
    conv.transform(workRe, workIm);
    for (int k = 0; k < size; k++) {
      double r = workRe[k] * kernelRe[k] - workIm[k] * kernelIm[k];
      double i = workRe[k] * kernelIm[k] + workIm[k] * kernelRe[k];
      // inverse via conjugation: ifft(x) = conj(fft(conj(x))) / size
      workRe[k] = r;
      workIm[k] = -i;
    }
    conv.transform(workRe, workIm);
    double scale = 1.0 / size;
    for (int k = 0; k < m; k++) {
      double r = workRe[k] * scale;
      double i = -workIm[k] * scale;
      re[k] = r * chirpRe[k] - i * chirpIm[k];
      im[k] = r * chirpIm[k] + i * chirpRe[k];
    }
  }
}
