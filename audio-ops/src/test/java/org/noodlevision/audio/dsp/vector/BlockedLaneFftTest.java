package org.noodlevision.audio.dsp.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BlockedLaneFft} against a direct float64 DFT of every lane, for sizes with only radix-4 stages, with a
 * radix-2 first stage (odd log2), with and without stages run block by block (1024 and 2048 points block, 64 and
 * smaller do not), and every frequency at the position the transform reports.
 */
class BlockedLaneFftTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048})
  void everyLaneEqualsTheDirectDft(int m) {
    BlockedLaneFft fft = new BlockedLaneFft(m);
    int lanes = BlockedLaneFft.LANES;
    Random random = new Random(m);
    double[][] re = new double[lanes][m];
    double[][] im = new double[lanes][m];
    for (int l = 0; l < lanes; l++) {
      for (int t = 0; t < m; t++) {
        re[l][t] = random.nextGaussian();
        im[l][t] = random.nextGaussian();
        fft.inputRe()[t * lanes + l] = re[l][t];
        fft.inputIm()[t * lanes + l] = im[l][t];
      }
    }
    fft.transform();
    boolean[] seen = new boolean[m];
    for (int k = 0; k < m; k++) {
      int pos = fft.position(k);
      assertTrue(pos >= 0 && pos < m && !seen[pos], "position of frequency " + k + ": " + pos);
      seen[pos] = true;
    }
    for (int l = 0; l < lanes; l++) {
      for (int k = 0; k < m; k++) {
        double sumRe = 0;
        double sumIm = 0;
        for (int t = 0; t < m; t++) {
          double angle = -2.0 * Math.PI * ((long) k * t % m) / m;
          sumRe += re[l][t] * Math.cos(angle) - im[l][t] * Math.sin(angle);
          sumIm += re[l][t] * Math.sin(angle) + im[l][t] * Math.cos(angle);
        }
        int at = fft.position(k) * lanes + l;
        double tolerance = 1e-12 * m;
        assertEquals(sumRe, fft.outputRe()[at], tolerance, "m " + m + " lane " + l + " bin " + k + " (re)");
        assertEquals(sumIm, fft.outputIm()[at], tolerance, "m " + m + " lane " + l + " bin " + k + " (im)");
      }
    }
  }
}
