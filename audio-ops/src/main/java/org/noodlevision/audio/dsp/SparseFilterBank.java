package org.noodlevision.audio.dsp;

import java.util.Arrays;

/**
 * A filter bank {@code [filter][bin]} stored by bin, keeping per bin the cyclic run of filters whose weights are at
 * least {@code relThreshold} times that bin's largest weight (all filters when they do not form one run). For the
 * chroma bank (Gaussian in cyclic chroma distance, never exactly zero) a threshold of 1e-8 keeps about 7 of 12
 * weights per bin; the dropped weights change a max-normalised chroma value by at most
 * {@code n_filters x relThreshold} (a frame's chroma sums to at most n_filters times its maximum), far below float32
 * resolution. Immutable; shared between threads.
 */
public final class SparseFilterBank {
  private final int numFilters;
  private final int numBins;
  private final int[] binOffset;
  private final int[] runStart;
  private final int[] runLength;
  private final float[] weightsF;
  private final double[] weightsD;

  public SparseFilterBank(double[][] dense, double relThreshold) {
    numFilters = dense.length;
    numBins = numFilters == 0 ? 0 : dense[0].length;
    binOffset = new int[numBins];
    runStart = new int[numBins];
    runLength = new int[numBins];
    double[] w = new double[numFilters * numBins];
    int n = 0;
    boolean[] keep = new boolean[numFilters];
    for (int k = 0; k < numBins; k++) {
      double max = 0;
      for (double[] row : dense) {
        max = Math.max(max, Math.abs(row[k]));
      }
      int count = 0;
      for (int f = 0; f < numFilters; f++) {
        keep[f] = dense[f][k] != 0 && Math.abs(dense[f][k]) >= relThreshold * max;
        count += keep[f] ? 1 : 0;
      }
      int start = 0;
      if (count > 0 && count < numFilters) {
        // the run starts at a kept filter whose cyclic predecessor is dropped
        start = -1;
        for (int f = 0; f < numFilters; f++) {
          if (keep[f] && !keep[(f + numFilters - 1) % numFilters]) {
            start = start < 0 ? f : -2;
          }
        }
        boolean oneRun = start >= 0;
        for (int j = 0; oneRun && j < count; j++) {
          oneRun = keep[(start + j) % numFilters];
        }
        if (!oneRun) {
          start = 0;
          count = numFilters;
        }
      }
      binOffset[k] = n;
      runStart[k] = start;
      runLength[k] = count;
      for (int j = 0; j < count; j++) {
        w[n++] = dense[(start + j) % numFilters][k];
      }
    }
    weightsD = Arrays.copyOf(w, n);
    weightsF = new float[n];
    for (int i = 0; i < n; i++) {
      weightsF[i] = (float) weightsD[i];
    }
  }

  public int numFilters() {
    return numFilters;
  }

  /** Number of weights kept. */
  public int numWeights() {
    return weightsD.length;
  }

  /**
   * {@code out[f] = sum_k w[f][k] spectrum[k]} with float32 weights, accumulated in float64 in {@code acc} (length
   * at least {@code 2 n_filters}: runs that wrap around are folded back at the end).
   */
  public void applyFloat(float[] spectrum, float[] out, double[] acc) {
    int nf = numFilters;
    Arrays.fill(acc, 0, 2 * nf, 0.0);
    for (int k = 0; k < numBins; k++) {
      double s = spectrum[k];
      int off = binOffset[k];
      int base = runStart[k];
      int len = runLength[k];
      for (int j = 0; j < len; j++) {
        acc[base + j] += weightsF[off + j] * s;
      }
    }
    for (int f = 0; f < nf; f++) {
      out[f] = (float) (acc[f] + acc[f + nf]);
    }
  }

  /** {@code out[f] = sum_k w[f][k] spectrum[k]} in float64; {@code acc} as in {@link #applyFloat}. */
  public void applyDouble(double[] spectrum, double[] out, double[] acc) {
    int nf = numFilters;
    Arrays.fill(acc, 0, 2 * nf, 0.0);
    for (int k = 0; k < numBins; k++) {
      double s = spectrum[k];
      int off = binOffset[k];
      int base = runStart[k];
      int len = runLength[k];
      for (int j = 0; j < len; j++) {
        acc[base + j] += weightsD[off + j] * s;
      }
    }
    for (int f = 0; f < nf; f++) {
      out[f] = acc[f] + acc[f + nf];
    }
  }
}
