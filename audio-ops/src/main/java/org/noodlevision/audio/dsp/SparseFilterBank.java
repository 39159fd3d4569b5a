package org.noodlevision.audio.dsp;

import java.util.Arrays;

/**
 * A filter bank {@code [filter][bin]} stored by bin, keeping per bin only the weights at least {@code relThreshold}
 * times that bin's largest weight. For the chroma bank (Gaussian in chroma distance, never exactly zero) a threshold
 * of 1e-8 keeps about 7 of 12 weights per bin; the dropped weights change a max-normalised chroma value by at most
 * {@code n_filters x relThreshold} (the sum of a frame's chroma is at most n_filters times its maximum), far below
 * float32 resolution. Immutable; shared between threads.
 */
public final class SparseFilterBank {
  private final int numFilters;
  private final int numBins;
  private final int[] binStart;
  private final int[] filterIndex;
  private final float[] weightsF;
  private final double[] weightsD;

  public SparseFilterBank(double[][] dense, double relThreshold) {
    numFilters = dense.length;
    numBins = numFilters == 0 ? 0 : dense[0].length;
    binStart = new int[numBins + 1];
    int[] idx = new int[numFilters * numBins];
    double[] w = new double[numFilters * numBins];
    int n = 0;
    for (int k = 0; k < numBins; k++) {
      binStart[k] = n;
      double max = 0;
      for (double[] row : dense) {
        max = Math.max(max, Math.abs(row[k]));
      }
      for (int f = 0; f < numFilters; f++) {
        double v = dense[f][k];
        if (v != 0 && Math.abs(v) >= relThreshold * max) {
          idx[n] = f;
          w[n] = v;
          n++;
        }
      }
    }
    binStart[numBins] = n;
    filterIndex = Arrays.copyOf(idx, n);
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

  /** {@code out[f] = sum_k w[f][k] spectrum[k]} with float32 weights, accumulated in {@code acc} (float64). */
  public void applyFloat(float[] spectrum, float[] out, double[] acc) {
    Arrays.fill(acc, 0, numFilters, 0.0);
    for (int k = 0; k < numBins; k++) {
      double s = spectrum[k];
      for (int j = binStart[k]; j < binStart[k + 1]; j++) {
        acc[filterIndex[j]] += weightsF[j] * s;
      }
    }
    for (int f = 0; f < numFilters; f++) {
      out[f] = (float) acc[f];
    }
  }

  /** {@code out[f] = sum_k w[f][k] spectrum[k]} in float64. */
  public void applyDouble(double[] spectrum, double[] out) {
    Arrays.fill(out, 0, numFilters, 0.0);
    for (int k = 0; k < numBins; k++) {
      double s = spectrum[k];
      for (int j = binStart[k]; j < binStart[k + 1]; j++) {
        out[filterIndex[j]] += weightsD[j] * s;
      }
    }
  }
}
