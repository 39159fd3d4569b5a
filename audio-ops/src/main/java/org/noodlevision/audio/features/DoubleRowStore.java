package org.noodlevision.audio.features;

import java.nio.DoubleBuffer;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.Tensor;

/**
 * Growing float64 rows (the float64 log-mel kept for MFCC until the clip's top_db floor is known), on the heap or
 * in a pool tensor (see {@link StagingMemory}); {@link #release()} frees the tensor.
 */
final class DoubleRowStore {
  private final int width;
  private final StagingMemory memory;
  private double[] data;
  private Tensor tensor;
  private DoubleBuffer pooled;
  private int capacity;
  private int rows;

  DoubleRowStore(int width, long expectedRows, StagingMemory memory) {
    this.width = width;
    this.memory = memory;
    long cap = Math.max(1, expectedRows) * width;
    if (cap > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(width, expectedRows);
    }
    place((int) cap);
  }

  private void place(int cap) {
    Tensor next = memory.allocate(cap, DType.FLOAT64);
    int used = rows * width;
    if (next != null) {
      DoubleBuffer view = next.asDoubleBuffer();
      if (pooled != null) {
        view.put(0, pooled, 0, used);
      } else if (data != null) {
        view.put(0, data, 0, used);
      }
      StagingMemory.free(tensor);
      tensor = next;
      pooled = view;
      data = null;
    } else {
      double[] heap = FeatureMemoryException.doubles(cap, width);
      if (pooled != null) {
        pooled.get(0, heap, 0, used);
      } else if (data != null) {
        System.arraycopy(data, 0, heap, 0, used);
      }
      StagingMemory.free(tensor);
      tensor = null;
      pooled = null;
      data = heap;
    }
    capacity = cap;
  }

  void append(double[] row) {
    long end = (long) (rows + 1) * width;
    if (end > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(width, rows + 1L);
    }
    if (end > capacity) {
      place((int) Math.min(Integer.MAX_VALUE - 8, Math.max(end, capacity * 3L / 2)));
    }
    if (pooled != null) {
      pooled.put(rows * width, row, 0, width);
    } else {
      System.arraycopy(row, 0, data, rows * width, width);
    }
    rows++;
  }

  int rows() {
    return rows;
  }

  /** Copies row {@code t} into {@code dst[0 .. width)}. */
  void readRow(int t, double[] dst) {
    if (pooled != null) {
      pooled.get(t * width, dst, 0, width);
    } else {
      System.arraycopy(data, t * width, dst, 0, width);
    }
  }

  /** Raises every value to at least {@code floor}. */
  void floorAll(double floor) {
    int n = rows * width;
    if (pooled != null) {
      double[] chunk = new double[Math.min(n, 4096)];
      for (int start = 0; start < n; start += chunk.length) {
        int len = Math.min(chunk.length, n - start);
        pooled.get(start, chunk, 0, len);
        for (int i = 0; i < len; i++) {
          chunk[i] = Math.max(chunk[i], floor);
        }
        pooled.put(start, chunk, 0, len);
      }
    } else {
      for (int i = 0; i < n; i++) {
        data[i] = Math.max(data[i], floor);
      }
    }
  }

  /** Frees the pool tensor, if any (idempotent). */
  void release() {
    StagingMemory.free(tensor);
    tensor = null;
    pooled = null;
  }
}
