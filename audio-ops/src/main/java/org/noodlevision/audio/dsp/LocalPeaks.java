package org.noodlevision.audio.dsp;

/**
 * The local peaks of a power frame as piptrack finds them, one bin at a time: the definition that
 * {@link SimdKernels#localPeaks} vectorises, and its scalar tail.
 */
public final class LocalPeaks {
  private LocalPeaks() {
  }

  /**
   * Appends to {@code out} (from index {@code count}) the k of {@code [from, to)} with {@code a[k] > floor},
   * {@code a[k] > a[k - 1]} and {@code a[k] >= a[k + 1]}, comparing the non-negative values' bits as ints (which
   * orders them as floats) without a branch per bin; returns the new count. {@code out} needs room for one more
   * entry than it receives. Requires {@code 1 <= from} and {@code to <= a.length - 1}.
   *
   * @param floorBits {@link Float#floatToRawIntBits} of the floor (a NaN floor lets no bin through)
   */
  public static int scan(float[] a, int from, int to, int floorBits, int[] out, int count) {
    for (int k = from; k < to; k++) {
      int x = Float.floatToRawIntBits(a[k]);
      int left = Float.floatToRawIntBits(a[k - 1]);
      int right = Float.floatToRawIntBits(a[k + 1]);
      out[count] = k;
      count += ((floorBits - x) & (left - x) & ~(x - right)) >>> 31;
    }
    return count;
  }
}
