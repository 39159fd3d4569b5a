package org.noodlevision.audio.features;

import java.util.Arrays;

/** Growing float64 rows (the float64 log-mel kept for MFCC until the clip's top_db floor is known). */
final class DoubleRowStore {
  private final int width;
  private double[] data;
  private int rows;

  DoubleRowStore(int width, long expectedRows) {
    this.width = width;
    long cap = Math.max(1, expectedRows) * width;
    if (cap > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(width, expectedRows);
    }
    data = new double[(int) cap];
  }

  void append(double[] row) {
    long end = (long) (rows + 1) * width;
    if (end > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(width, rows + 1L);
    }
    if (end > data.length) {
      data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, data.length * 3L / 2)));
    }
    System.arraycopy(row, 0, data, rows * width, width);
    rows++;
  }

  int rows() {
    return rows;
  }

  double[] data() {
    return data;
  }
}
