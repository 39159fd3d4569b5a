package org.noodlevision.audio.features;

import java.util.Arrays;

/** Rows of one feature appended frame by frame into one flat array (exact size when the frame count is known). */
final class MatrixBuilder {
  private final int numBins;
  private float[] data;
  private int numFrames;

  MatrixBuilder(int numBins, long expectedFrames) {
    this.numBins = numBins;
    long cap = Math.max(1, expectedFrames) * numBins;
    if (cap > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(numBins, expectedFrames);
    }
    this.data = new float[(int) cap];
  }

  int numBins() {
    return numBins;
  }

  int numFrames() {
    return numFrames;
  }

  float[] data() {
    return data;
  }

  /** Makes room for one more row and returns its offset in {@link #data()}. */
  int appendRow() {
    long end = (long) (numFrames + 1) * numBins;
    if (end > data.length) {
      long grown = Math.max(end, (long) data.length + (data.length >> 1) + numBins);
      if (grown > Integer.MAX_VALUE - 8) {
        if (end > Integer.MAX_VALUE - 8) {
          throw new FeatureSizeException(numBins, numFrames + 1L);
        }
        grown = Integer.MAX_VALUE - 8;
      }
      data = Arrays.copyOf(data, (int) grown);
    }
    int off = numFrames * numBins;
    numFrames++;
    return off;
  }

  void appendRow(float[] row) {
    int off = appendRow();
    System.arraycopy(row, 0, data, off, numBins);
  }

  void appendRow(double[] row) {
    int off = appendRow();
    for (int i = 0; i < numBins; i++) {
      data[off + i] = (float) row[i];
    }
  }

  FeatureMatrix build() {
    int len = numFrames * numBins;
    return new FeatureMatrix(numFrames, numBins, data.length == len ? data : Arrays.copyOf(data, len));
  }
}
