package org.noodlevision.audio.dsp.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BlockedLaneFft} against a direct float64 DFT, for sizes with only radix-4 stages, with a radix-2 first stage
 * (odd log2), with and without stages run block by block (1024 points and up block, 64 and smaller do not), with the
 * streamed stages fused in pairs (1024: stages 0-1; 2048: a radix-2 stage, then 1-2; 4096: 0-1 then a lone streamed
 * stage; 8192: radix 2, 1-2, then a lone one), and every frequency at the position the transform reports. Every lane
 * up to 2048 points, two lanes above.
 */
class BlockedLaneFftTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192})
  void everyLaneEqualsTheDirectDft(int m) {
    BlockedLaneFft fft = new BlockedLaneFft(m);
    int lanes = BlockedLaneFft.LANES;
    Random random = new Random(m);
    double[][] re = new double[lanes][m];
    double[][] im = new double[lanes][m];
    fft.realign();
    double[] buffer = fft.buffer();
    for (int l = 0; l < lanes; l++) {
      for (int t = 0; t < m; t++) {
        re[l][t] = random.nextGaussian();
        im[l][t] = random.nextGaussian();
        buffer[fft.inputIndex(t) + l] = re[l][t];
        buffer[fft.inputIndex(t) + BlockedLaneFft.IM + l] = im[l][t];
      }
    }
    fft.transform();
    boolean[] seen = new boolean[m];
    for (int k = 0; k < m; k++) {
      int pos = fft.position(k);
      assertTrue(pos >= 0 && pos < m && !seen[pos], "position of frequency " + k + ": " + pos);
      seen[pos] = true;
    }
    double[] cos = new double[m];
    double[] sin = new double[m];
    for (int j = 0; j < m; j++) {
      cos[j] = Math.cos(-2.0 * Math.PI * j / m);
      sin[j] = Math.sin(-2.0 * Math.PI * j / m);
    }
    int[] checked = m <= 2048 ? java.util.stream.IntStream.range(0, lanes).toArray() : new int[] {0, lanes - 1};
    for (int l : checked) {
      for (int k = 0; k < m; k++) {
        double sumRe = 0;
        double sumIm = 0;
        for (int t = 0; t < m; t++) {
          int j = (int) ((long) k * t % m);
          sumRe += re[l][t] * cos[j] - im[l][t] * sin[j];
          sumIm += re[l][t] * sin[j] + im[l][t] * cos[j];
        }
        int at = fft.outputIndex(k) + l;
        double tolerance = 1e-12 * m;
        assertEquals(sumRe, buffer[at], tolerance, "m " + m + " lane " + l + " bin " + k + " (re)");
        assertEquals(sumIm, buffer[at + BlockedLaneFft.IM], tolerance, "m " + m + " lane " + l + " bin " + k + " (im)");
      }
    }
  }
}
