package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real FFT against a direct O(n^2) DFT, for powers of two, even non-powers (Bluestein) and odd sizes. */
class RealFftTest {
  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 8, 12, 30, 64, 100, 400, 441, 512, 1000, 2048})
  void matchesDirectDft(int n) {
    Random rnd = new Random(n);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = rnd.nextGaussian();
    }
    RealFft fft = new RealFft(n);
    double[] re = new double[fft.numBins()];
    double[] im = new double[fft.numBins()];
    fft.transform(x, re, im);
    double maxErr = 0;
    double scale = 0;
    for (int k = 0; k < fft.numBins(); k++) {
      double sr = 0;
      double si = 0;
      for (int t = 0; t < n; t++) {
        double a = -2 * Math.PI * ((long) k * t % n) / n;
        sr += x[t] * Math.cos(a);
        si += x[t] * Math.sin(a);
      }
      scale = Math.max(scale, Math.hypot(sr, si));
      maxErr = Math.max(maxErr, Math.hypot(sr - re[k], si - im[k]));
    }
    assertTrue(maxErr <= 1e-10 * Math.max(1, scale), "n=" + n + ": max error " + maxErr);
  }
}
