package org.noodlevision.audio.dsp;

/** librosa's frequency conversions ({@code core/convert.py}), in float64. */
public final class FrequencyScales {
  private static final double SLANEY_F_SP = 200.0 / 3;
  private static final double SLANEY_MIN_LOG_HZ = 1000.0;
  private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
  private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

  private FrequencyScales() {}

  /** {@code hz_to_mel}: Slaney's auditory scale (linear below 1 kHz, log above), or HTK's. */
  public static double hzToMel(double hz, boolean htk) {
    if (htk) {
      return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }
    double mel = hz / SLANEY_F_SP;
    if (hz >= SLANEY_MIN_LOG_HZ) {
      mel = SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOG_STEP;
    }
    return mel;
  }

  /** {@code mel_to_hz}, the inverse of {@link #hzToMel}. */
  public static double melToHz(double mel, boolean htk) {
    if (htk) {
      return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }
    double hz = SLANEY_F_SP * mel;
    if (mel >= SLANEY_MIN_LOG_MEL) {
      hz = SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_MIN_LOG_MEL));
    }
    return hz;
  }

  /** {@code np.linspace(start, stop, num)} with numpy's arithmetic (step multiply, exact endpoint). */
  static double[] linspace(double start, double stop, int num, boolean endpoint) {
    double[] y = new double[num];
    int div = endpoint ? num - 1 : num;
    if (div <= 0) {
      if (num > 0) {
        y[0] = start;
      }
      return y;
    }
    double step = (stop - start) / div;
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    if (endpoint && num > 1) {
      y[num - 1] = stop;
    }
    return y;
  }

  /** {@code fft_frequencies}: numpy rfftfreq(n_fft, 1/sr), {@code k * (1 / (n_fft * (1 / sr)))}. */
  public static double[] fftFrequencies(int sampleRate, int nFft) {
    int bins = 1 + nFft / 2;
    double val = 1.0 / (nFft * (1.0 / sampleRate));
    double[] f = new double[bins];
    for (int k = 0; k < bins; k++) {
      f[k] = k * val;
    }
    return f;
  }

  /** {@code hz_to_octs}: {@code log2(hz / (A440 / 16))}, A440 = {@code 440 * 2^(tuning / binsPerOctave)}. */
  public static double hzToOcts(double hz, double tuning, int binsPerOctave) {
    double a440 = 440.0 * Math.pow(2.0, tuning / binsPerOctave);
    return log2(hz / (a440 / 16));
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2.0);
  }
}
