package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Projection of {@link VectorStftBatch#LANES} frames held lane-wise ({@code in[k * LANES + f]}) through a transposed
 * bank ({@code weightsT[k * outRows + c]}): every weight is broadcast once for all the frames. Shared by
 * {@link VectorKernels#projectLanes} and {@link VectorStftBatch#projectPower}, so that chroma from stored rows and
 * chroma from a batch sum in the same order.
 */
final class LaneProjection {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Rows summed per block. */
  private static final int BLOCK = 64;

  private LaneProjection() {}

  /**
   * Four outputs at a time (four accumulator vectors per lane vector, with block partial sums: float32 sums of at
   * most 64 terms before they are added up); one at a time for the rest.
   */
  static void project(float[] in, int rows, float[] weightsT, int outRows, float[] out) {
    final int lanes = VectorStftBatch.LANES;
    final int vl = SPECIES.length();
    int c = 0;
    for (; c + 4 <= outRows; c += 4) {
      for (int v = 0; v < lanes; v += vl) {
        FloatVector t0 = FloatVector.zero(SPECIES);
        FloatVector t1 = FloatVector.zero(SPECIES);
        FloatVector t2 = FloatVector.zero(SPECIES);
        FloatVector t3 = FloatVector.zero(SPECIES);
        for (int k0 = 0; k0 < rows; k0 += BLOCK) {
          FloatVector b0 = FloatVector.zero(SPECIES);
          FloatVector b1 = FloatVector.zero(SPECIES);
          FloatVector b2 = FloatVector.zero(SPECIES);
          FloatVector b3 = FloatVector.zero(SPECIES);
          for (int k = k0, end = Math.min(rows, k0 + BLOCK); k < end; k++) {
            FloatVector x = FloatVector.fromArray(SPECIES, in, k * lanes + v);
            int w = k * outRows + c;
            b0 = x.fma(FloatVector.broadcast(SPECIES, weightsT[w]), b0);
            b1 = x.fma(FloatVector.broadcast(SPECIES, weightsT[w + 1]), b1);
            b2 = x.fma(FloatVector.broadcast(SPECIES, weightsT[w + 2]), b2);
            b3 = x.fma(FloatVector.broadcast(SPECIES, weightsT[w + 3]), b3);
          }
          t0 = t0.add(b0);
          t1 = t1.add(b1);
          t2 = t2.add(b2);
          t3 = t3.add(b3);
        }
        // stored through -0.0 + t, which is exactly t (-0.0 + x is x for every x, -0.0 included): a loop's
        // accumulator reaches its store without its exact vector class, and C2 of JDK 17 then runs the store's
        // slow, allocating fallback
        FloatVector.broadcast(SPECIES, -0.0f).add(t0).intoArray(out, c * lanes + v);
        FloatVector.broadcast(SPECIES, -0.0f).add(t1).intoArray(out, (c + 1) * lanes + v);
        FloatVector.broadcast(SPECIES, -0.0f).add(t2).intoArray(out, (c + 2) * lanes + v);
        FloatVector.broadcast(SPECIES, -0.0f).add(t3).intoArray(out, (c + 3) * lanes + v);
      }
    }
    for (; c < outRows; c++) {
      for (int v = 0; v < lanes; v += vl) {
        FloatVector t = FloatVector.zero(SPECIES);
        for (int k0 = 0; k0 < rows; k0 += BLOCK) {
          FloatVector b = FloatVector.zero(SPECIES);
          for (int k = k0, end = Math.min(rows, k0 + BLOCK); k < end; k++) {
            b = FloatVector.fromArray(SPECIES, in, k * lanes + v)
                .fma(FloatVector.broadcast(SPECIES, weightsT[k * outRows + c]), b);
          }
          t = t.add(b);
        }
        FloatVector.broadcast(SPECIES, -0.0f).add(t).intoArray(out, c * lanes + v);
      }
    }
  }

}
