package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.noodlevision.audio.dsp.BandedFilterBank;
import org.noodlevision.audio.dsp.LocalPeaks;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.dsp.StftBatch;

/** {@link SimdKernels} on {@code jdk.incubator.vector} with the platform's preferred vector width. */
public final class VectorKernels implements SimdKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Public for the reflective loader; use {@link SimdKernels#available()}. */
  public VectorKernels() {}

  /** Per-thread scratch for the ordered lane sums of {@link #dot}. */
  private static final ThreadLocal<float[]> LANE_SUMS = ThreadLocal.withInitial(() -> new float[SPECIES.length()]);

  @Override
  public StftBatch newStftBatch(int nFft, int hop, double[] window, BandedFilterBank mel, boolean melOfPower) {
    if (!SimdKernels.supportsFftSize(nFft)) {
      throw new IllegalArgumentException("n_fft " + nFft + " has no SIMD batch: it must be even with n_fft / 2 a "
          + "power of two of at least 4");
    }
    if (hop < 1) {
      throw new IllegalArgumentException("hop " + hop + " must be at least 1");
    }
    if (window.length != nFft) {
      throw new IllegalArgumentException("window has " + window.length + " values, n_fft is " + nFft);
    }
    return new VectorStftBatch(nFft, hop, window, mel, melOfPower);
  }

  /** Four accumulators: a long dot product is bound by the FMA latency chain, not by throughput, with one. */
  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    int vl = SPECIES.length();
    FloatVector acc0 = FloatVector.zero(SPECIES);
    FloatVector acc1 = FloatVector.zero(SPECIES);
    FloatVector acc2 = FloatVector.zero(SPECIES);
    FloatVector acc3 = FloatVector.zero(SPECIES);
    int i = 0;
    for (int full4 = n - n % (4 * vl); i < full4; i += 4 * vl) {
      acc0 = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), acc0);
      acc1 = FloatVector.fromArray(SPECIES, a, ao + i + vl).fma(FloatVector.fromArray(SPECIES, b, bo + i + vl), acc1);
      acc2 = FloatVector.fromArray(SPECIES, a, ao + i + 2 * vl)
          .fma(FloatVector.fromArray(SPECIES, b, bo + i + 2 * vl), acc2);
      acc3 = FloatVector.fromArray(SPECIES, a, ao + i + 3 * vl)
          .fma(FloatVector.fromArray(SPECIES, b, bo + i + 3 * vl), acc3);
    }
    for (int full = n - n % vl; i < full; i += vl) {
      acc0 = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), acc0);
    }
    // lanes summed in a fixed order: reduceLanes(ADD) may sum in any order, and does differently in C2 code and in
    // its fallback, which would make results depend on the JIT's state
    float[] lanes = LANE_SUMS.get();
    acc0.add(acc1).add(acc2.add(acc3)).intoArray(lanes, 0);
    float sum = 0f;
    for (int l = 0; l < vl; l++) {
      sum += lanes[l];
    }
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  /** Four accumulators per vector of columns, over i modulo 4: one would wait on the FMA latency. */
  @Override
  public void vectorTimesMatrix(float[] x, int xo, int n, float[] matrixT, int stride, float[] out) {
    int vl = SPECIES.length();
    for (int c = 0; c < stride; c += vl) {
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      FloatVector acc2 = FloatVector.zero(SPECIES);
      FloatVector acc3 = FloatVector.zero(SPECIES);
      int i = 0;
      for (int at = c; i + 4 <= n; i += 4, at += 4 * stride) {
        acc0 = FloatVector.fromArray(SPECIES, matrixT, at).fma(FloatVector.broadcast(SPECIES, x[xo + i]), acc0);
        acc1 = FloatVector.fromArray(SPECIES, matrixT, at + stride)
            .fma(FloatVector.broadcast(SPECIES, x[xo + i + 1]), acc1);
        acc2 = FloatVector.fromArray(SPECIES, matrixT, at + 2 * stride)
            .fma(FloatVector.broadcast(SPECIES, x[xo + i + 2]), acc2);
        acc3 = FloatVector.fromArray(SPECIES, matrixT, at + 3 * stride)
            .fma(FloatVector.broadcast(SPECIES, x[xo + i + 3]), acc3);
      }
      for (; i < n; i++) {
        acc0 = FloatVector.fromArray(SPECIES, matrixT, i * stride + c).fma(FloatVector.broadcast(SPECIES, x[xo + i]),
            acc0);
      }
      acc0.add(acc1).add(acc2.add(acc3)).intoArray(out, c);
    }
  }

  @Override
  public int firstNonFinite(float[] a, int off, int n) {
    int vl = SPECIES.length();
    int full = n - n % vl;
    // x - x is 0 for finite x and NaN otherwise; NaN survives the sum. No masks: C2 of JDK 17 boxes some of them.
    FloatVector acc = FloatVector.zero(SPECIES);
    for (int i = 0; i < full; i += vl) {
      FloatVector x = FloatVector.fromArray(SPECIES, a, off + i);
      acc = acc.add(x.sub(x));
    }
    int from = Float.isNaN(acc.reduceLanes(VectorOperators.ADD)) ? 0 : full;
    for (int i = from; i < n; i++) {
      if (!Float.isFinite(a[off + i])) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Sixteen bins (with 512-bit vectors) at a time: the three comparisons as int differences whose sign bits are
   * combined, no masks (C2 of JDK 17 boxes some of them); a vector with no peak, most of them, is passed over, one
   * with peaks scanned bin by bin with the same arithmetic.
   */
  @Override
  public int localPeaks(float[] a, int from, int to, float floor, int[] out) {
    int vl = SPECIES.length();
    int floorBits = Float.floatToRawIntBits(floor);
    int count = 0;
    int k = from;
    for (; k + vl <= to; k += vl) {
      IntVector x = FloatVector.fromArray(SPECIES, a, k).reinterpretAsInts();
      IntVector left = FloatVector.fromArray(SPECIES, a, k - 1).reinterpretAsInts();
      IntVector right = FloatVector.fromArray(SPECIES, a, k + 1).reinterpretAsInts();
      IntVector signs = x.neg().add(floorBits).and(left.sub(x)).and(x.sub(right).not());
      if (signs.reduceLanes(VectorOperators.OR) < 0) {
        count = LocalPeaks.scan(a, k, k + vl, floorBits, out, count);
      }
    }
    return LocalPeaks.scan(a, k, to, floorBits, out, count);
  }

  @Override
  public int lanes() {
    return VectorStftBatch.LANES;
  }

  @Override
  public void projectLanes(float[] in, int rows, float[] weightsT, int outRows, float[] out) {
    LaneProjection.project(in, rows, weightsT, outRows, out);
  }

  @Override
  public float max(float[] a, int off, int n) {
    return extreme(a, off, n, true);
  }

  @Override
  public float min(float[] a, int off, int n) {
    return extreme(a, off, n, false);
  }

  @Override
  public void minMax(float[] a, int off, int n, float[] minMax) {
    int vl = SPECIES.length();
    int full = n - n % vl;
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    int i = 0;
    if (full > 0) {
      FloatVector first = FloatVector.fromArray(SPECIES, a, off);
      FloatVector accLo = first;
      FloatVector accHi = first;
      for (i = vl; i < full; i += vl) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, off + i);
        accLo = accLo.min(x);
        accHi = accHi.max(x);
      }
      lo = accLo.reduceLanes(VectorOperators.MIN);
      hi = accHi.reduceLanes(VectorOperators.MAX);
    }
    for (; i < n; i++) {
      lo = Math.min(lo, a[off + i]);
      hi = Math.max(hi, a[off + i]);
    }
    minMax[0] = lo;
    minMax[1] = hi;
  }

  /** The largest ({@code max}) or smallest value, as {@link Math#max} / {@link Math#min} fold them. */
  private static float extreme(float[] a, int off, int n, boolean max) {
    int vl = SPECIES.length();
    int full = n - n % vl;
    float result = max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
    int i = 0;
    if (full > 0) {
      FloatVector acc = FloatVector.fromArray(SPECIES, a, off);
      for (i = vl; i < full; i += vl) {
        FloatVector x = FloatVector.fromArray(SPECIES, a, off + i);
        acc = max ? acc.max(x) : acc.min(x);
      }
      // each reduction with a constant operator: a variable one would miss C2's intrinsic
      result = max ? acc.reduceLanes(VectorOperators.MAX) : acc.reduceLanes(VectorOperators.MIN);
    }
    for (; i < n; i++) {
      result = max ? Math.max(result, a[off + i]) : Math.min(result, a[off + i]);
    }
    return result;
  }

  @Override
  public String toString() {
    return "VectorKernels[" + SPECIES + "]";
  }
}
