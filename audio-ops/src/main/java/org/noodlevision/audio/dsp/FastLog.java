package org.noodlevision.audio.dsp;

/**
 * Logarithms of positive normal floats, faster than {@link Math#log10} and far more exact than the float32 logs
 * librosa's dB values come from (good to about 1e-7 relative):
 * <ul>
 *   <li>{@link #log10(float)} and {@link #powerToDb} (dB): the mantissa reduced to [sqrt(1/2), sqrt(2)) with integer
 *       steps, then six terms of the series of ln m in {@code s = (m - 1) / (m + 1)}, to about 1e-11. No table: the
 *       same float64 steps run on vectors of eight values ({@code VectorStftBatch.computeMelDb}), with the same bits.
 *   <li>{@link #log2(float)} (the tuning estimate): a 1024-entry table of log2 over the mantissa plus a second-order
 *       correction, to about 3e-9.
 * </ul>
 */
public final class FastLog {
  /** Mantissa bits that index the tables. */
  private static final int TABLE_BITS = 10;
  private static final double[] LOG2_TABLE = new double[(1 << TABLE_BITS) + 1];
  private static final double[] INV_TABLE = new double[(1 << TABLE_BITS) + 1];
  /** log10(2), the factor from log2 to log10. */
  public static final double LOG10_2 = Math.log10(2.0);
  /** 1 / ln(2), the factor from ln to log2. */
  public static final double INV_LN2 = 1.0 / Math.log(2.0);
  /**
   * {@link #log10(float)}'s reduction: added to a float's bits, it carries into the exponent exactly when the mantissa
   * is at least sqrt(2) (the bits of 1.0f less those of sqrt(1/2)); {@link #SQRT_HALF_BITS} then rebuilds the mantissa
   * in [sqrt(1/2), sqrt(2)).
   */
  public static final int REDUCTION_OFFSET = 0x3f800000 - 0x3f3504f3;
  /** The bits of the float nearest sqrt(1/2). */
  public static final int SQRT_HALF_BITS = 0x3f3504f3;
  /** The series' coefficients after the first: 1/3, 1/5, 1/7, 1/9, 1/11. */
  public static final double C3 = 1.0 / 3;
  public static final double C5 = 1.0 / 5;
  public static final double C7 = 1.0 / 7;
  public static final double C9 = 1.0 / 9;
  public static final double C11 = 1.0 / 11;

  static {
    for (int i = 0; i <= 1 << TABLE_BITS; i++) {
      double m0 = 1.0 + (double) i / (1 << TABLE_BITS);
      LOG2_TABLE[i] = Math.log(m0) * INV_LN2;
      INV_TABLE[i] = 1.0 / m0;
    }
  }

  private FastLog() {}

  /**
   * log10(x) for x > 0, to about 1e-11 relative to log2(x); falls back to {@link Math#log10} for subnormals, zero,
   * infinities and NaN.
   */
  public static double log10(float x) {
    int bits = Float.floatToRawIntBits(x);
    int exp = (bits >>> 23) & 0xff;
    if (exp == 0 || exp == 0xff || bits < 0) {
      return Math.log10(x);
    }
    return log2Series(bits) * LOG10_2;
  }

  /**
   * log2 of the positive normal float with these bits: {@code x = 2^e m}, m in [sqrt(1/2), sqrt(2)), and
   * {@code ln m = 2s (1 + s^2/3 + s^4/5 + ... + s^10/11)} with {@code s = (m - 1) / (m + 1)}, |s| < 0.172 (the next
   * term is below 5e-11 of the sum). Vector code repeats these float64 steps in this order.
   */
  static double log2Series(int bits) {
    int reduced = bits + REDUCTION_OFFSET;
    int e = (reduced >>> 23) - 127;
    double m = Float.intBitsToFloat((reduced & 0x7fffff) + SQRT_HALF_BITS);
    double s = (m - 1.0) / (m + 1.0);
    double s2 = s * s;
    double p = Math.fma(s2, C11, C9);
    p = Math.fma(p, s2, C7);
    p = Math.fma(p, s2, C5);
    p = Math.fma(p, s2, C3);
    p = Math.fma(p, s2, 1.0);
    return e + s * 2.0 * p * INV_LN2;
  }

  /**
   * librosa's float32 {@code power_to_db} step for one value, before the top_db floor:
   * {@code 10 log10(max(amin, power)) - refDb}, with {@link #log10(float)}.
   */
  public static float powerToDb(float power, float amin, float refDb) {
    return 10f * (float) log10(Math.max(amin, power)) - refDb;
  }

  /** log2(x) for x > 0, to about 3e-9 absolute; falls back to {@link Math#log} for what is not a positive normal. */
  public static double log2(float x) {
    int bits = Float.floatToRawIntBits(x);
    int exp = (bits >>> 23) & 0xff;
    if (exp == 0 || exp == 0xff || bits < 0) {
      return Math.log(x) * INV_LN2;
    }
    return log2Normal(bits, exp);
  }

  private static double log2Normal(int bits, int exp) {
    int mant = bits & 0x7fffff;
    int idx = mant >>> (23 - TABLE_BITS);
    double m = 1.0 + mant * (1.0 / (1 << 23));
    double m0 = 1.0 + (double) idx / (1 << TABLE_BITS);
    double d = (m - m0) * INV_TABLE[idx]; // m / m0 - 1, in [0, 2^-10)
    double log1p = d - d * d * 0.5 + d * d * d * (1.0 / 3);
    return (exp - 127) + LOG2_TABLE[idx] + log1p * INV_LN2;
  }
}
