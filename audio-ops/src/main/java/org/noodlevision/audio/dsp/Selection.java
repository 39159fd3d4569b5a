package org.noodlevision.audio.dsp;

/** Order statistics of float arrays in linear expected time (quickselect), for medians without a full sort. */
final class Selection {
  private Selection() {}

  /**
   * Rearranges {@code a} so that {@code a[k]} holds the value a full sort would put there, every value before it is
   * at most {@code a[k]} and every value after it at least; returns {@code a[k]}. Values are compared as
   * {@link Float#compare} orders them (finite values in numeric order).
   */
  static float select(float[] a, int k) {
    if (k < 0 || k >= a.length) {
      throw new IllegalArgumentException("k " + k + " outside [0, " + a.length + ")");
    }
    int lo = 0;
    int hi = a.length - 1;
    long seed = 0x9E3779B97F4A7C15L;
    while (hi > lo) {
      seed = seed * 6364136223846793005L + 1442695040888963407L;
      int p = lo + (int) ((seed >>> 33) % (hi - lo + 1));
      float pivot = a[p];
      // three-way partition: [lo, lt) < pivot, [lt, gt] == pivot, (gt, hi] > pivot
      int lt = lo;
      int gt = hi;
      int i = lo;
      while (i <= gt) {
        int c = Float.compare(a[i], pivot);
        if (c < 0) {
          swap(a, lt++, i++);
        } else if (c > 0) {
          swap(a, i, gt--);
        } else {
          i++;
        }
      }
      if (k < lt) {
        hi = lt - 1;
      } else if (k > gt) {
        lo = gt + 1;
      } else {
        return a[k];
      }
    }
    return a[k];
  }

  /** The largest of {@code a[from .. to)} (as {@link Float#compare} orders them); requires {@code to > from}. */
  static float maxOf(float[] a, int from, int to) {
    float max = a[from];
    for (int i = from + 1; i < to; i++) {
      if (Float.compare(a[i], max) > 0) {
        max = a[i];
      }
    }
    return max;
  }

  private static void swap(float[] a, int i, int j) {
    float t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
