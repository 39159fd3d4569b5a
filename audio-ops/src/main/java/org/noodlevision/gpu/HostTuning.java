package org.noodlevision.gpu;

import java.util.Arrays;

/**
 * librosa.estimate_tuning's second half on the host, for clips computed in chunks: the piptrack peaks of every
 * chunk are collected, then the median magnitude threshold and the pitch_tuning histogram (resolution 0.01) give
 * the tuning bin. The same float32 steps as the {@code nv_tuning} kernel.
 */
final class HostTuning {
  private final double[] edges;
  private final int binsPerOctave;
  private float[] mags = new float[1024];
  private float[] pitches = new float[1024];
  private int count;

  HostTuning(double[] edges, int binsPerOctave) {
    this.edges = edges;
    this.binsPerOctave = binsPerOctave;
  }

  void add(float[] m, float[] f) {
    if (count + m.length > mags.length) {
      int cap = Math.max(mags.length * 2, count + m.length);
      mags = Arrays.copyOf(mags, cap);
      pitches = Arrays.copyOf(pitches, cap);
    }
    System.arraycopy(m, 0, mags, count, m.length);
    System.arraycopy(f, 0, pitches, count, f.length);
    count += m.length;
  }

  /** Index of the winning histogram bin (tuning = edges[index]), or edges.length - 1 when no pitch was found. */
  int binIndex() {
    int nBins = edges.length - 1;
    float threshold = 0f;
    if (count > 0) {
      float[] sorted = Arrays.copyOf(mags, count);
      Arrays.sort(sorted);
      threshold = count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2f;
    }
    int[] counts = new int[nBins];
    boolean any = false;
    for (int i = 0; i < count; i++) {
      float f = pitches[i];
      if (!(mags[i] >= threshold) || !(f > 0f)) {
        continue;
      }
      float octs = (float) (Math.log(f / 27.5f) / Math.log(2.0));
      float x = binsPerOctave * octs;
      float r = x % 1.0f;
      if (r != 0f && r < 0f) {
        r += 1.0f;
      }
      if (r >= 0.5f) {
        r -= 1.0f;
      }
      double rd = r;
      if (rd < edges[0] || rd > edges[nBins]) {
        continue;
      }
      int lo = 0;
      int hi = nBins - 1;
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (edges[mid] <= rd) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      counts[lo]++;
      any = true;
    }
    if (!any) {
      return nBins;
    }
    int best = 0;
    for (int i = 1; i < nBins; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    return best;
  }
}
