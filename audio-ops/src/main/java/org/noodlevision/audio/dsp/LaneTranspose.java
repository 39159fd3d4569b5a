package org.noodlevision.audio.dsp;

/**
 * Transposes between the lane layout of the SIMD kernels ({@code lanes[k * L + f]}: element k of frame f) and frame
 * rows ({@code rows[f * stride + k]}), in tiles of 16 elements so that both sides of a tile stay in the L1 cache:
 * element by element across all rows, each store would touch another cache line of a region larger than L1.
 */
public final class LaneTranspose {
  private static final int TILE = 16;

  private LaneTranspose() {}

  /** {@code rows[f * stride + k] = lanes[k * L + f]} for frames {@code f < n} and elements {@code k < elements}. */
  public static void lanesToRows(float[] lanes, int laneCount, int elements, int n, float[] rows, int stride) {
    for (int k0 = 0; k0 < elements; k0 += TILE) {
      int k1 = Math.min(elements, k0 + TILE);
      for (int f = 0; f < n; f++) {
        int out = f * stride;
        for (int k = k0, in = k0 * laneCount + f; k < k1; k++, in += laneCount) {
          rows[out + k] = lanes[in];
        }
      }
    }
  }

  /**
   * {@code lanes[k * L + f] = rows[f * stride + k]}, squared when {@code square} (magnitude rows into power lanes),
   * for frames {@code f < n} and elements {@code k < elements}.
   */
  public static void rowsToLanes(float[] rows, int stride, int elements, int n, float[] lanes, int laneCount,
      boolean square) {
    for (int k0 = 0; k0 < elements; k0 += TILE) {
      int k1 = Math.min(elements, k0 + TILE);
      for (int f = 0; f < n; f++) {
        int in = f * stride;
        for (int k = k0, out = k0 * laneCount + f; k < k1; k++, out += laneCount) {
          float v = rows[in + k];
          lanes[out] = square ? v * v : v;
        }
      }
    }
  }
}
