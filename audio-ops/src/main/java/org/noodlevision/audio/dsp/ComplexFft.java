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

  /**
   * A radix-4 Stockham plan when {@code m >= 2} is a power of two (radix-2 for {@code m = 1}), Bluestein's chirp-z
   * otherwise.
   */
  static ComplexFft forSize(int m) {
    if (m < 1) {
      throw new IllegalArgumentException("FFT size must be >= 1, got " + m);
    }
    if (Integer.bitCount(m) == 1) {
      return m >= 2 ? new StockhamFft(m) : new Radix2Fft(m);
    }
    return new BluesteinFft(m);
  }
}
