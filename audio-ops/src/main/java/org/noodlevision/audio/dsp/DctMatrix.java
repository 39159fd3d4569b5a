package org.noodlevision.audio.dsp;

/** The first {@code nOut} rows of the orthonormal DCT-II of size {@code n} ({@code scipy.fft.dct(norm='ortho')}). */
public final class DctMatrix {
  private DctMatrix() {}

  /** {@code [k][i] = s_k cos(pi k (2i + 1) / (2n))}, {@code s_0 = sqrt(1/n)}, {@code s_k = sqrt(2/n)}. */
  public static double[][] orthoDct2(int nOut, int n) {
    double[][] m = new double[nOut][n];
    double s0 = Math.sqrt(1.0 / n);
    double sk = Math.sqrt(2.0 / n);
    for (int k = 0; k < nOut; k++) {
      double s = k == 0 ? s0 : sk;
      for (int i = 0; i < n; i++) {
        long num = (long) k * (2L * i + 1) % (4L * n); // exact angle reduction
        m[k][i] = s * Math.cos(Math.PI * num / (2.0 * n));
      }
    }
    return m;
  }
}
