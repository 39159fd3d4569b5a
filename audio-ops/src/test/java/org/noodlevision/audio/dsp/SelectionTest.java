package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Quickselect against a sort, on random data, many ties, sorted and reversed input. */
class SelectionTest {
  @Test
  void selectsWhatASortPutsAtK() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(300);
      float[] a = new float[n];
      int kind = trial % 4;
      for (int i = 0; i < n; i++) {
        a[i] = kind == 0 ? (float) rnd.nextGaussian() : kind == 1 ? rnd.nextInt(4) : kind == 2 ? i : n - i;
      }
      float[] sorted = a.clone();
      Arrays.sort(sorted);
      int k = rnd.nextInt(n);
      float[] work = a.clone();
      assertEquals(sorted[k], Selection.select(work, k), "trial " + trial + " k " + k);
      for (int i = 0; i < k; i++) {
        assertEquals(true, work[i] <= work[k], "left of k");
      }
      for (int i = k + 1; i < n; i++) {
        assertEquals(true, work[i] >= work[k], "right of k");
      }
      if (k > 0) {
        assertEquals(sorted[k - 1], Selection.maxOf(work, 0, k), "largest left of k");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Selection.select(new float[3], 3));
  }
}
