package org.noodlevision.audio.dsp;

/**
 * The float32 kernels that use SIMD instructions through {@code jdk.incubator.vector}. Callers obtain them from
 * {@link #available()}, which returns null when the module is not in the JVM (it needs
 * {@code --add-modules jdk.incubator.vector}) or when they are switched off with the system property
 * {@code noodlevision.simd=false}; callers then use their scalar code. Implementations are stateless and shared.
 */
public interface SimdKernels {
  /** The system property that switches SIMD off ({@code false}); anything else, or nothing, leaves it on. */
  String PROPERTY = "noodlevision.simd";

  /**
   * Whether a batch can be made for this FFT size: even, with {@code n_fft / 2} a power of two of at least 4.
   * Other sizes go through the scalar {@link RealFft}.
   */
  static boolean supportsFftSize(int nFft) {
    int m = nFft / 2;
    return nFft % 2 == 0 && m >= 4 && Integer.bitCount(m) == 1;
  }

  /**
   * A new batch for frames of {@code nFft} samples that start {@code hop} samples apart: the frames added between two
   * {@link StftBatch#clear()} calls must be consecutive frames of one signal, as a {@link StftFramer} emits them
   * (the batch keeps each sample once, not once per frame).
   *
   * @param hop samples between the starts of consecutive frames, at least 1
   * @param window the analysis window, {@code nFft} values
   * @param mel the mel bank, or null when no mel projection is wanted
   * @param melOfPower project power ({@code |X|^2}) when true, magnitude when false
   * @throws IllegalArgumentException when {@link #supportsFftSize} is false
   */
  StftBatch newStftBatch(int nFft, int hop, double[] window, BandedFilterBank mel, boolean melOfPower);

  /** {@code sum a[ao + i] * b[bo + i]} over {@code i < n}, accumulated in float32 lanes. */
  float dot(float[] a, int ao, float[] b, int bo, int n);

  /**
   * A row vector times a matrix given transposed: {@code out[k] = sum_i x[xo + i] * matrixT[i * stride + k]} for every
   * {@code k < stride}, accumulated in float32 lanes in a fixed order. The stride is a multiple of {@link #lanes()}
   * (columns past the matrix's own are zeros), {@code matrixT} holds {@code n * stride} values and {@code out} at least
   * {@code stride}. Each of x's values is read once for a whole vector of columns: no horizontal sums.
   */
  void vectorTimesMatrix(float[] x, int xo, int n, float[] matrixT, int stride, float[] out);

  /** The index (from {@code off}) of the first NaN or infinite value of {@code a[off .. off + n)}, or -1. */
  int firstNonFinite(float[] a, int off, int n);

  /**
   * How many frames the lane-layout kernels ({@link #projectLanes}, {@link StftBatch}) work on at once: a multiple of
   * the float vector length.
   */
  int lanes();

  /**
   * Projects {@link #lanes()} frames held lane-wise, {@code in[k * lanes + f]} for row {@code k < rows}, through
   * {@code weightsT[k * outRows + c]} (the transposed bank): {@code out[c * lanes + f] = sum_k weightsT[k outRows + c]
   * in[k lanes + f]}. Each weight is read once for all the frames. Sums are formed in blocks of 64 rows (float32).
   */
  void projectLanes(float[] in, int rows, float[] weightsT, int outRows, float[] out);

  /**
   * The indices k of {@code [from, to)}, ascending, where {@code a[k] > floor}, {@code a[k] > a[k - 1]} and
   * {@code a[k] >= a[k + 1]}, into {@code out}; returns how many. The values are non-negative (powers) and compared
   * through their bits as ints, which orders them as floats; a NaN floor makes no index qualify. Requires
   * {@code 1 <= from} and {@code to <= a.length - 1}.
   */
  int localPeaks(float[] a, int from, int to, float floor, int[] out);

  /** The largest of {@code a[off .. off + n)} (n at least 1), as {@link Math#max} folds them. */
  float max(float[] a, int off, int n);

  /** The smallest of {@code a[off .. off + n)} (n at least 1), as {@link Math#min} folds them. */
  float min(float[] a, int off, int n);

  /**
   * {@link #min} and {@link #max} of {@code a[off .. off + n)} (n at least 1) in one pass over the data, into
   * {@code minMax[0]} and {@code minMax[1]}.
   */
  void minMax(float[] a, int off, int n, float[] minMax);

  /** The SIMD kernels, or null when they cannot or must not be used in this JVM. */
  static SimdKernels available() {
    return SimdKernelsLoader.INSTANCE;
  }
}
