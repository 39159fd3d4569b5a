package org.noodlevision.audio.features;

import java.nio.FloatBuffer;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.Tensor;

/**
 * Rows of one feature appended frame by frame into one flat float32 buffer (exact size when the frame count is
 * known): a heap array, or a pool tensor when the run has a {@link StagingMemory} with a manager. A pooled builder
 * copies its rows to the heap once, in {@link #build()}, and frees its tensor there (or in {@link #release()}).
 */
final class MatrixBuilder {
  private final int numBins;
  private final StagingMemory memory;
  private final float[] rowScratch;
  private float[] data;
  private Tensor tensor;
  private FloatBuffer pooled;
  private int capacity;
  private int numFrames;

  MatrixBuilder(int numBins, long expectedFrames) {
    this(numBins, expectedFrames, StagingMemory.HEAP);
  }

  MatrixBuilder(int numBins, long expectedFrames, StagingMemory memory) {
    this.numBins = numBins;
    this.memory = memory;
    long cap = Math.max(1, expectedFrames) * numBins;
    if (cap > Integer.MAX_VALUE - 8) {
      throw new FeatureSizeException(numBins, expectedFrames);
    }
    this.rowScratch = memory.pooled() ? new float[numBins] : null;
    place((int) cap);
  }

  /** Allocates {@code cap} floats (pool first when pooled, else heap), keeping the rows written so far. */
  private void place(int cap) {
    Tensor next = memory.allocate(cap, DType.FLOAT32);
    int used = numFrames * numBins;
    if (next != null) {
      FloatBuffer view = next.asFloatBuffer();
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
      float[] heap = FeatureMemoryException.floats(cap, numBins);
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

  int numBins() {
    return numBins;
  }

  int numFrames() {
    return numFrames;
  }

  /** Makes room for one more row and returns its offset. */
  private int appendRow() {
    long end = (long) (numFrames + 1) * numBins;
    if (end > capacity) {
      long grown = Math.max(end, (long) capacity + (capacity >> 1) + numBins);
      if (grown > Integer.MAX_VALUE - 8) {
        if (end > Integer.MAX_VALUE - 8) {
          throw new FeatureSizeException(numBins, numFrames + 1L);
        }
        grown = Integer.MAX_VALUE - 8;
      }
      place((int) grown);
    }
    int off = numFrames * numBins;
    numFrames++;
    return off;
  }

  void appendRow(float[] row) {
    appendRow(row, 0);
  }

  /** Appends the row {@code rows[from .. from + numBins)}. */
  void appendRow(float[] rows, int from) {
    int off = appendRow();
    if (pooled != null) {
      pooled.put(off, rows, from, numBins);
    } else {
      System.arraycopy(rows, from, data, off, numBins);
    }
  }

  void appendRow(double[] row) {
    int off = appendRow();
    float[] dst = pooled != null ? rowScratch : data;
    int base = pooled != null ? 0 : off;
    for (int i = 0; i < numBins; i++) {
      dst[base + i] = (float) row[i];
    }
    if (pooled != null) {
      pooled.put(off, rowScratch, 0, numBins);
    }
  }

  /** Copies row {@code t} into {@code dst[0 .. numBins)}. */
  void readRow(int t, float[] dst) {
    readRow(t, dst, 0);
  }

  /** Copies row {@code t} into {@code dst[off .. off + numBins)}. */
  void readRow(int t, float[] dst, int off) {
    if (pooled != null) {
      pooled.get(t * numBins, dst, off, numBins);
    } else {
      System.arraycopy(data, t * numBins, dst, off, numBins);
    }
  }

  /** Raises every value written so far to at least {@code floor}. */
  void floorAll(float floor) {
    int n = numFrames * numBins;
    if (pooled != null) {
      float[] chunk = new float[Math.min(n, 8192)];
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

  /** The matrix on the heap; frees the tensor of a pooled builder. */
  FeatureMatrix build() {
    int len = numFrames * numBins;
    if (pooled != null) {
      float[] out = FeatureMemoryException.floats(len, numBins);
      pooled.get(0, out, 0, len);
      release();
      return new FeatureMatrix(numFrames, numBins, out);
    }
    if (data.length == len) {
      return new FeatureMatrix(numFrames, numBins, data);
    }
    float[] exact = FeatureMemoryException.floats(len, numBins);
    System.arraycopy(data, 0, exact, 0, len);
    return new FeatureMatrix(numFrames, numBins, exact);
  }

  /** Frees the pool tensor, if any (idempotent); the builder must not be used afterwards. */
  void release() {
    StagingMemory.free(tensor);
    tensor = null;
    pooled = null;
  }
}
