package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RealFft#transformWindowed} (window product and packing read by the Stockham FFT's first stage for powers of
 * two) against {@link RealFft#transform} of the explicitly windowed frame, at an offset into a longer buffer.
 */
class RealFftWindowedTest {
  @ParameterizedTest(name = "n={0}")
  @ValueSource(ints = {2, 4, 6, 8, 16, 30, 32, 64, 128, 512, 1000, 2048, 4096})
  void matchesExplicitWindowing(int n) {
    Random rnd = new Random(31L * n);
    int off = 7;
    float[] buf = new float[n + 2 * off];
    for (int i = 0; i < buf.length; i++) {
      buf[i] = (float) rnd.nextGaussian();
    }
    double[] window = Windows.hannPeriodicCentered(n, n);
    double[] x = new double[n];
    for (int t = 0; t < n; t++) {
      x[t] = buf[off + t] * window[t];
    }
    RealFft fft = new RealFft(n);
    int bins = fft.numBins();
    double[] re = new double[bins];
    double[] im = new double[bins];
    double[] re2 = new double[bins];
    double[] im2 = new double[bins];
    fft.transform(x, re, im);
    fft.transformWindowed(buf, off, window, re2, im2);
    double scale = 0;
    double maxErr = 0;
    for (int k = 0; k < bins; k++) {
      scale = Math.max(scale, Math.hypot(re[k], im[k]));
      maxErr = Math.max(maxErr, Math.hypot(re[k] - re2[k], im[k] - im2[k]));
    }
    assertTrue(scale > 0, "n=" + n + ": empty spectrum");
    assertTrue(maxErr <= 1e-13 * scale, "n=" + n + ": windowed transform differs by " + maxErr);
  }
}
