package org.noodlevision.audio.dsp;

/**
 * A filter bank {@code [filter][bin]} kept dense (for checks) and as one non-zero band per filter, so projecting a
 * spectrum costs the band widths rather than {@code filters x bins}. Immutable; shared between threads.
 */
public final class BandedFilterBank {
  private final double[][] dense;
  private final int[] bandStart;
  private final int[] bandEnd;
  private final float[][] bandWeightsF;
  private final double[][] bandWeightsD;

  /** Wraps {@code dense} (not copied); bands are the span from the first to the last non-zero weight. */
  public BandedFilterBank(double[][] dense) {
    this.dense = dense;
    int rows = dense.length;
    bandStart = new int[rows];
    bandEnd = new int[rows];
    bandWeightsF = new float[rows][];
    bandWeightsD = new double[rows][];
    for (int r = 0; r < rows; r++) {
      double[] row = dense[r];
      int s = 0;
      while (s < row.length && row[s] == 0.0) {
        s++;
      }
      int e = row.length;
      while (e > s && row[e - 1] == 0.0) {
        e--;
      }
      bandStart[r] = s;
      bandEnd[r] = e;
      bandWeightsF[r] = new float[e - s];
      bandWeightsD[r] = new double[e - s];
      for (int k = s; k < e; k++) {
        bandWeightsF[r][k - s] = (float) row[k];
        bandWeightsD[r][k - s] = row[k];
      }
    }
  }

  public int numFilters() {
    return dense.length;
  }

  public int numBins() {
    return dense.length == 0 ? 0 : dense[0].length;
  }

  /** The first bin of {@code filter}'s non-zero band. */
  public int bandStart(int filter) {
    return bandStart[filter];
  }

  /** A copy of {@code filter}'s band weights in float32, from {@link #bandStart(int)} on. */
  public float[] bandWeightsFloat(int filter) {
    return bandWeightsF[filter].clone();
  }

  /** The weight of {@code filter} at {@code bin}. */
  public double weight(int filter, int bin) {
    return dense[filter][bin];
  }

  /** {@code out[f] = sum_k w[f][k] * spectrum[k]}, float32 weights, accumulated in float64, rounded to float32. */
  public void applyFloat(float[] spectrum, float[] out) {
    for (int r = 0; r < bandStart.length; r++) {
      float[] w = bandWeightsF[r];
      int s = bandStart[r];
      double acc = 0.0;
      for (int k = 0; k < w.length; k++) {
        acc += (double) w[k] * spectrum[s + k];
      }
      out[r] = (float) acc;
    }
  }

  /** {@code out[f] = sum_k w[f][k] * spectrum[k]} in float64. */
  public void applyDouble(double[] spectrum, double[] out) {
    for (int r = 0; r < bandStart.length; r++) {
      double[] w = bandWeightsD[r];
      int s = bandStart[r];
      double acc = 0.0;
      for (int k = 0; k < w.length; k++) {
        acc += (double) w[k] * spectrum[s + k];
      }
      out[r] = acc;
    }
  }
}
