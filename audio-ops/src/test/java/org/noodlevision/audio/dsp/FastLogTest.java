package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FastLog} against {@link Math}'s logs on floats from every binade, the mantissas each side of the reduction's
 * threshold sqrt(2) and of 1, and the values that are not positive normals (which take Math's code).
 */
class FastLogTest {
  private static final float SQRT2_BELOW = Math.nextDown((float) Math.sqrt(2));
  private static final float SQRT2_ABOVE = Math.nextUp((float) Math.sqrt(2));

  @Test
  void log10_isWithin1e11OfMath_onEveryBinade() {
    Random random = new Random(5);
    double worst = 0;
    for (int exp = 1; exp < 255; exp++) {
      for (int i = 0; i < 200; i++) {
        int mantissa = i < 8 ? edgeMantissa(i) : random.nextInt(1 << 23);
        float x = Float.intBitsToFloat(exp << 23 | mantissa);
        double error = Math.abs(FastLog.log10(x) - Math.log10(x));
        worst = Math.max(worst, error);
        assertTrue(error < 1e-11, "log10(" + x + "): " + FastLog.log10(x) + " against " + Math.log10(x));
      }
    }
    assertTrue(worst > 0, "some rounding difference is expected: the series is not Math.log10");
  }

  /** Mantissas at 1, around sqrt(2) (where the reduction halves m) and at the top of the binade. */
  private static int edgeMantissa(int i) {
    switch (i) {
      case 0: return 0;
      case 1: return 1;
      case 2: return Float.floatToRawIntBits(SQRT2_BELOW) & 0x7fffff;
      case 3: return Float.floatToRawIntBits((float) Math.sqrt(2)) & 0x7fffff;
      case 4: return Float.floatToRawIntBits(SQRT2_ABOVE) & 0x7fffff;
      case 5: return 0x7fffff;
      case 6: return 0x7ffffe;
      default: return 0x400000;
    }
  }

  @Test
  void log10_ofWhatIsNotAPositiveNormal_isMathsLog10() {
    for (float x : new float[] {0f, -0f, Float.MIN_VALUE, Float.MIN_NORMAL / 2, Float.POSITIVE_INFINITY, Float.NaN,
        -1f}) {
      assertEquals(Math.log10(x), FastLog.log10(x), 0.0, "log10(" + x + ")");
    }
  }

  @Test
  void powerToDb_isLibrosasStep_withTheFloorAtAmin() {
    float refDb = 3f;
    assertEquals(10f * (float) Math.log10(1e-10) - refDb, FastLog.powerToDb(0f, 1e-10f, refDb), 1e-5f);
    assertEquals(10f * (float) Math.log10(2.5e-3) - refDb, FastLog.powerToDb(2.5e-3f, 1e-10f, refDb), 1e-5f);
    assertEquals(-100f, FastLog.powerToDb(0f, 1e-10f, 0f), 1e-5f, "silence is -100 dB with amin 1e-10");
  }

  @Test
  void log2_isWithin3e9OfMath() {
    Random random = new Random(6);
    for (int i = 0; i < 100_000; i++) {
      float x = Float.intBitsToFloat((1 + random.nextInt(253)) << 23 | random.nextInt(1 << 23));
      assertEquals(Math.log(x) / Math.log(2), FastLog.log2(x), 3e-9, "log2(" + x + ")");
    }
  }
}
