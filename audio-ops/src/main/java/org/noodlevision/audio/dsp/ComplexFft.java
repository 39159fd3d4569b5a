package org.noodlevision.audio.dsp;

/**
 * In-place forward complex DFT of a fixed size, {@code X[k] = sum x[n] exp(-2 pi i k n / m)} (numpy's sign). Instances
 * own scratch buffers: not thread-safe.
 */
abstract class ComplexFft {
  /** The transform size. */
  abstract int size();

  /** Transforms {@code re, im} (length >= size) in place. */
  abstract void transform(double[] re, double[] im);

  /** A power-of-two radix-2 plan when {@code m} is a power of two, Bluestein's chirp-z otherwise. */
  static ComplexFft forSize(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("FFT size must be >= 1, got " + m);
    }
    if (Integer.bitCount(m) == 1) {
      return new Radix2Fft(m);
    }
    return new BluesteinFft(m);
  }
}
