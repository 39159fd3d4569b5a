package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernels against the scalar code: the batched STFT (every supported size, full and partial
 * batches, a reused batch), its mel projection and the dot product. The build runs tests with
 * {@code --add-modules jdk.incubator.vector} and {@code noodlevision.expectSimd=true}, so there the kernels must load;
 * elsewhere these tests are skipped when the module is absent.
 */
class SimdKernelsTest {
  private static SimdKernels simd;

  @BeforeAll
  static void load() {
    simd = SimdKernels.available();
  }

  @Test
  void kernelsLoadWhenTheBuildExpectsThem() {
    if (Boolean.getBoolean("noodlevision.expectSimd")) {
      assertNotNull(simd, "jdk.incubator.vector is in this JVM (--add-modules) but the SIMD kernels did not load");
    } else {
      assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    }
  }

  @Test
  void supportedSizesAreEvenWithAPowerOfTwoHalf() {
    assertTrue(SimdKernels.supportsFftSize(2048));
    assertTrue(SimdKernels.supportsFftSize(8));
    assertFalse(SimdKernels.supportsFftSize(400));
    assertFalse(SimdKernels.supportsFftSize(6));
    assertFalse(SimdKernels.supportsFftSize(2047));
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    assertThrows(IllegalArgumentException.class, () -> simd.newStftBatch(400, 100, new double[400], null, true));
  }

  /**
   * Every lane of full and partial batches against the scalar float64 FFT, for hops that overlap frames by more or
   * less than half (7, n_fft / 4), that do not divide n_fft (n_fft / 4 + 3), and that leave gaps between frames
   * (n_fft + 5): the batch stores the consecutive frames as shared hop blocks.
   */
  @ParameterizedTest
  @ValueSource(ints = {8, 16, 32, 64, 256, 512, 1024, 2048, 4096, 8192})
  void batchedStftMatchesTheFloat64Fft(int nFft) {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    double[] window = Windows.hannPeriodicCentered(nFft, nFft);
    for (int hop : new int[] {7, nFft / 4, nFft / 4 + 3, nFft + 5}) {
      StftBatch batch = simd.newStftBatch(nFft, hop, window, null, true);
      Random rnd = new Random(nFft + hop);
      float[] signal = new float[nFft + hop * (batch.capacity() + 1)];
      for (int i = 0; i < signal.length; i++) {
        signal[i] = (float) (0.6 * Math.sin(0.013 * i * (1 + i % 5)) + 0.2 * rnd.nextGaussian());
      }
      // a full batch, then a partial one in the same (cleared) batch, starting elsewhere
      for (int frames : new int[] {batch.capacity(), 5}) {
        int first = frames == 5 ? 3 : 0;
        batch.clear();
        for (int f = 0; f < frames; f++) {
          batch.add(signal, (first + f) * hop);
        }
        assertEquals(frames, batch.size());
        batch.compute(true, false);
        checkFrames(batch, signal, window, nFft, first, hop, frames);
        batch.compute(false, false);
        checkPower(batch, signal, window, nFft, first, hop, frames);
      }
    }
  }

  private static void checkFrames(StftBatch batch, float[] signal, double[] window, int nFft, int first, int hop,
      int frames) {
    RealFft fft = new RealFft(nFft);
    int bins = nFft / 2 + 1;
    double[] re = new double[bins];
    double[] im = new double[bins];
    float[] rows = new float[batch.capacity() * bins];
    batch.magnitudeRows(rows);
    float[] mag = new float[bins];
    float[] pow = new float[bins];
    for (int f = 0; f < frames; f++) {
      fft.transformWindowed(signal, (first + f) * hop, window, re, im);
      System.arraycopy(rows, f * bins, mag, 0, bins);
      batch.power(f, pow);
      for (int k = 0; k < bins; k++) {
        // what the scalar float32 path stores: the float64 spectrum rounded to complex64, then float(|X|)
        float r = (float) re[k];
        float i = (float) im[k];
        float expected = (float) Math.sqrt((double) r * r + (double) i * i);
        // the two float64 FFTs sum in different orders and the SIMD magnitude is a float32 sqrt: two ulps
        assertEquals(expected, mag[k], 2 * Math.ulp(expected),
            "n_fft " + nFft + " hop " + hop + " frame " + f + " bin " + k);
        assertEquals(mag[k] * mag[k], pow[k], 0f, "power is float32 magnitude squared, bin " + k);
      }
    }
  }

  /**
   * Power computed without magnitude: within an ulp or two of {@code float(re^2 + im^2)} of the complex64 parts (the
   * scalar path's power then), as it rounds the float64 power once.
   */
  private static void checkPower(StftBatch batch, float[] signal, double[] window, int nFft, int first, int hop,
      int frames) {
    RealFft fft = new RealFft(nFft);
    int bins = nFft / 2 + 1;
    double[] re = new double[bins];
    double[] im = new double[bins];
    float[] pow = new float[bins];
    for (int f = 0; f < frames; f++) {
      fft.transformWindowed(signal, (first + f) * hop, window, re, im);
      batch.power(f, pow);
      for (int k = 0; k < bins; k++) {
        float r = (float) re[k];
        float i = (float) im[k];
        float expected = (float) ((double) r * r + (double) i * i);
        // the parts may round differently after the two FFTs' different sums: an ulp each, so four of the power
        assertEquals(expected, pow[k], 4 * Math.ulp(expected),
            "power without magnitude, n_fft " + nFft + " hop " + hop + " frame " + f + " bin " + k);
      }
    }
  }

  /**
   * The local peaks the tuning estimate starts from, against the definition bin by bin: random powers with many ties
   * and plateaus (values from a few levels), exact zeros, every start and end near the vector boundaries, floors that
   * let many or no bins through, and a NaN floor (no peaks).
   */
  @Test
  void localPeaksMatchTheDefinition() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    Random rnd = new Random(11);
    int n = 203;
    float[] a = new float[n];
    int[] out = new int[n];
    for (int trial = 0; trial < 200; trial++) {
      for (int i = 0; i < n; i++) {
        a[i] = trial % 3 == 0 ? rnd.nextInt(4) * 0.25f : (float) Math.abs(rnd.nextGaussian()) * (i % 7 == 0 ? 10 : 1);
      }
      int from = 1 + rnd.nextInt(40);
      int to = n - 1 - rnd.nextInt(40);
      float floor = trial == 7 ? Float.NaN : trial % 4 == 0 ? 0f : (float) rnd.nextDouble() * 1.5f;
      int count = simd.localPeaks(a, from, to, floor, out);
      int expected = 0;
      for (int k = from; k < to; k++) {
        if (a[k] > floor && a[k] > a[k - 1] && a[k] >= a[k + 1]) {
          assertTrue(expected < count, "trial " + trial + ": peak " + k + " missing");
          assertEquals(k, out[expected], "trial " + trial + ": peak " + expected);
          expected++;
        }
      }
      assertEquals(expected, count, "trial " + trial + " peaks");
      if (trial == 7) {
        assertEquals(0, count, "a NaN floor lets no bin through");
      }
    }
  }

  @Test
  void melProjectionMatchesTheBank() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    int nFft = 2048;
    double[] window = Windows.hannPeriodicCentered(nFft, nFft);
    BandedFilterBank mel = new BandedFilterBank(MelFilterBank.build(22050, nFft, 128, 0, 11025, false, true, true));
    StftBatch batch = simd.newStftBatch(nFft, 16, window, mel, true);
    Random rnd = new Random(5);
    float[] signal = new float[nFft + 16 * batch.capacity()];
    for (int i = 0; i < signal.length; i++) {
      signal[i] = (float) rnd.nextGaussian();
    }
    for (int f = 0; f < 3; f++) {
      batch.add(signal, 16 * f);
    }
    batch.compute(true, true);
    float[] pow = new float[nFft / 2 + 1];
    float[] expected = new float[128];
    float[] actual = new float[128];
    for (int f = 0; f < 3; f++) {
      batch.power(f, pow);
      mel.applyFloat(pow, expected);
      batch.mel(f, actual);
      for (int m = 0; m < 128; m++) {
        assertEquals(expected[m], actual[m], 1e-6 * Math.abs(expected[m]) + 1e-30, "frame " + f + " mel " + m);
      }
    }
  }

  @Test
  void dotProductOfAnyLength() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    Random rnd = new Random(9);
    float[] a = new float[1100];
    float[] b = new float[1100];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextGaussian();
      b[i] = (float) rnd.nextGaussian();
    }
    for (int n : new int[] {0, 1, 3, 15, 16, 17, 40, 128, 1025}) {
      double expected = 0;
      double scale = 0;
      for (int i = 0; i < n; i++) {
        expected += (double) a[3 + i] * b[i];
        scale += Math.abs((double) a[3 + i] * b[i]);
      }
      assertEquals(expected, simd.dot(a, 3, b, 0, n), 1e-6 * scale + 1e-12, "length " + n);
    }
  }

  @Test
  void vectorTimesMatrixOfAnyShape() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    Random rnd = new Random(11);
    float[] x = new float[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian() * 40;
    }
    int lanes = simd.lanes();
    for (int[] shape : new int[][] {{0, 5}, {1, 1}, {3, 20}, {128, 20}, {129, 13}, {40, 2 * lanes + 1}}) {
      int n = shape[0];
      int cols = shape[1];
      int stride = (cols + lanes - 1) / lanes * lanes;
      float[] matrixT = new float[n * stride];
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < cols; k++) {
          matrixT[i * stride + k] = (float) rnd.nextGaussian();
        }
      }
      float[] out = new float[stride];
      java.util.Arrays.fill(out, Float.NaN);
      simd.vectorTimesMatrix(x, 7, n, matrixT, stride, out);
      for (int k = 0; k < stride; k++) {
        double expected = 0;
        double scale = 0;
        for (int i = 0; i < n; i++) {
          expected += (double) x[7 + i] * matrixT[i * stride + k];
          scale += Math.abs((double) x[7 + i] * matrixT[i * stride + k]);
        }
        assertEquals(expected, out[k], 1e-6 * scale + 1e-12, "n " + n + " cols " + cols + " column " + k);
      }
    }
  }

  @Test
  void maxAndMinOfAnyLength() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    Random rnd = new Random(11);
    float[] a = new float[1100];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) rnd.nextGaussian();
    }
    for (int n : new int[] {1, 3, 15, 16, 17, 40, 1025}) {
      float expected = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        expected = Math.max(expected, a[5 + i]);
      }
      assertEquals(expected, simd.max(a, 5, n), 0f, "length " + n);
      float expectedMin = Float.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        expectedMin = Math.min(expectedMin, a[5 + i]);
      }
      assertEquals(expectedMin, simd.min(a, 5, n), 0f, "min, length " + n);
      float[] both = new float[2];
      simd.minMax(a, 5, n, both);
      assertEquals(expectedMin, both[0], 0f, "minMax min, length " + n);
      assertEquals(expected, both[1], 0f, "minMax max, length " + n);
    }
    float[] withNan = a.clone();
    withNan[700] = Float.NaN;
    float[] both = new float[2];
    simd.minMax(withNan, 5, 1025, both);
    assertTrue(Float.isNaN(both[0]) && Float.isNaN(both[1]), "a NaN makes both NaN, as Math.min/max fold it");
  }

  @Test
  void firstNonFiniteFindsNanAndInfinitiesAnywhere() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    float[] a = new float[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = i * 0.5f - 20f;
    }
    assertEquals(-1, simd.firstNonFinite(a, 0, a.length));
    for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
      for (int at : new int[] {3, 16, 40, 97}) {
        float[] b = a.clone();
        b[at] = bad;
        b[99] = bad;
        assertEquals(at - 2, simd.firstNonFinite(b, 2, 98), bad + " at " + at);
        assertEquals(-1, simd.firstNonFinite(b, at + 1, 99 - at - 1), "range after " + at);
      }
    }
  }

  @Test
  void laneProjectionMatchesAFloat64Projection() {
    assumeTrue(simd != null, "jdk.incubator.vector is not in this JVM");
    int lanes = simd.lanes();
    assertEquals(0, lanes % 4, "lanes " + lanes);
    Random rnd = new Random(13);
    for (int outRows : new int[] {12, 7, 1}) {
      int rows = 1025;
      float[] in = new float[rows * lanes];
      float[] weightsT = new float[rows * outRows];
      for (int i = 0; i < in.length; i++) {
        in[i] = (float) Math.abs(rnd.nextGaussian());
      }
      for (int i = 0; i < weightsT.length; i++) {
        weightsT[i] = (float) rnd.nextDouble();
      }
      float[] out = new float[outRows * lanes];
      simd.projectLanes(in, rows, weightsT, outRows, out);
      for (int c = 0; c < outRows; c++) {
        for (int f = 0; f < lanes; f++) {
          double expected = 0;
          for (int k = 0; k < rows; k++) {
            expected += (double) weightsT[k * outRows + c] * in[k * lanes + f];
          }
          assertEquals(expected, out[c * lanes + f], 1e-6 * expected, "row " + c + " lane " + f);
        }
      }
    }
  }
}
