package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.noodlevision.audio.dsp.BandedFilterBank;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.dsp.StftBatch;

/** {@link SimdKernels} on {@code jdk.incubator.vector} with the platform's preferred vector width. */
public final class VectorKernels implements SimdKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /** Public for the reflective loader; use {@link SimdKernels#available()}. */
  public VectorKernels() {}

  @Override
  public StftBatch newStftBatch(int nFft, double[] window, BandedFilterBank mel, boolean melOfPower) {
    if (!SimdKernels.supportsFftSize(nFft)) {
      throw new IllegalArgumentException("n_fft " + nFft + " has no SIMD batch: it must be even with n_fft / 2 a "
          + "power of two of at least 4");
    }
    if (window.length != nFft) {
      throw new IllegalArgumentException("window has " + window.length + " values, n_fft is " + nFft);
    }
    return new VectorStftBatch(nFft, window, mel, melOfPower);
  }

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    int vl = SPECIES.length();
    int full = n - n % vl;
    FloatVector acc = FloatVector.zero(SPECIES);
    int i = 0;
    for (; i < full; i += vl) {
      acc = FloatVector.fromArray(SPECIES, a, ao + i).fma(FloatVector.fromArray(SPECIES, b, bo + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  @Override
  public float max(float[] a, int off, int n) {
    int vl = SPECIES.length();
    int full = n - n % vl;
    float max = Float.NEGATIVE_INFINITY;
    int i = 0;
    if (full > 0) {
      FloatVector acc = FloatVector.fromArray(SPECIES, a, off);
      for (i = vl; i < full; i += vl) {
        acc = acc.max(FloatVector.fromArray(SPECIES, a, off + i));
      }
      max = acc.reduceLanes(VectorOperators.MAX);
    }
    for (; i < n; i++) {
      max = Math.max(max, a[off + i]);
    }
    return max;
  }

  @Override
  public String toString() {
    return "VectorKernels[" + SPECIES + "]";
  }
}
