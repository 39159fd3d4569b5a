package org.noodlevision.audio.dsp;

import java.util.Arrays;

/**
 * {@code librosa.estimate_tuning(S=power, sr=sr, bins_per_octave=n)} fed one spectrogram frame at a time.
 *
 * <p>piptrack (fmin 150, fmax 4000, threshold 0.1, ref = per-frame max) only looks at one frame, so each frame is
 * reduced on arrival to its pitch candidates: a magnitude ({@code S + dskew}) and the tuning-histogram bin of its
 * interpolated frequency. Only those candidates are kept (5 bytes each, in growing chunks); the whole-clip median
 * magnitude and histogram are formed in {@link #estimate()}. Arithmetic follows librosa's float32 steps for float32
 * spectrograms. Not thread-safe.
 */
public final class TuningEstimator {
  private static final double FMIN = 150.0;
  private static final double FMAX = 4000.0;
  private static final float THRESHOLD = 0.1f;
  private static final double RESOLUTION = 0.01;
  private static final int CHUNK = 1 << 16;
  private static final int HALF_BITS_MINUS_ONE = Float.floatToRawIntBits(0.5f) - 1;

  private final int sampleRate;
  private final int nFft;
  private final int binsPerOctave;
  private final boolean float32;
  private final int loBin;
  private final int hiBin;
  private final int numHistBins;
  private final double[] edges;
  private float[][] magChunks = new float[4][];
  private byte[][] binChunks = new byte[4][];
  private long count;
  private final int numBins;
  /** The bins of one frame's peaks, found before they are handled. */
  private final int[] peakBins;

  /**
   * @param numBins spectrogram bins ({@code 1 + n_fft/2}); librosa infers {@code n_fft = 2 * (numBins - 1)}
   */
  public TuningEstimator(int sampleRate, int numBins, int binsPerOctave, boolean float32) {
    this.sampleRate = sampleRate;
    this.nFft = 2 * (numBins - 1);
    this.binsPerOctave = binsPerOctave;
    this.float32 = float32;
    double fmax = Math.min(FMAX, sampleRate / 2.0);
    double[] freqs = FrequencyScales.fftFrequencies(sampleRate, Math.max(nFft, 1));
    int lo = numBins;
    int hi = 0;
    for (int k = 0; k < Math.min(numBins, freqs.length); k++) {
      if (FMIN <= freqs[k] && freqs[k] < fmax) {
        lo = Math.min(lo, k);
        hi = Math.max(hi, k + 1);
      }
    }
    loBin = lo;
    hiBin = hi;
    numHistBins = (int) Math.ceil(1.0 / RESOLUTION);
    edges = FrequencyScales.linspace(-0.5, 0.5, numHistBins + 1, true);
    this.numBins = numBins;
    peakBins = new int[Math.max(numBins, 1)];
  }

  /** Adds one power-spectrogram frame (float32 values). */
  public void addFrame(float[] power) {
    float max = 0f;
    for (int k = 0; k < numBins; k++) {
      max = Math.max(max, power[k]);
    }
    addFrame(power, max);
  }

  /**
   * Adds one power-spectrogram frame (float32 values, none negative: powers) whose largest value, {@code max}, the
   * caller computed.
   */
  public void addFrame(float[] power, float max) {
    addFrame(power, max, null);
  }

  /**
   * {@link #addFrame(float[], float)}, its scan for local peaks on {@code simd}'s vectors when not null (same
   * peaks: {@link SimdKernels#localPeaks} compares exactly as the scalar scan).
   */
  public void addFrame(float[] power, float max, SimdKernels simd) {
    int n = numBins;
    float ref = THRESHOLD * Math.max(0f, max);
    // piptrack's local maxima of the thresholded frame (values at most ref count as 0), in [fmin, fmax). For a bin
    // above ref, "above its thresholded left neighbour" is "above its left neighbour" (a neighbour at most ref is
    // below it either way), and the same holds on the right; a NaN in the frame makes max, hence ref, NaN and no bin
    // a peak, as in librosa. So the peaks are found without a branch per bin (whether a bin of a noisy frame clears
    // the threshold is a coin toss that a branch predictor loses), then handled one by one.
    int[] peaks = peakBins;
    int count = 0;
    int start = Math.max(loBin, 1);
    int end = Math.min(hiBin, n - 1);
    if (start < end) {
      count = simd != null ? simd.localPeaks(power, start, end, ref, peaks)
          : LocalPeaks.scan(power, start, end, Float.floatToRawIntBits(ref), peaks, 0);
    }
    for (int i = 0; i < count; i++) {
      int k = peaks[i];
      float s0 = power[k];
      float sm = power[k - 1];
      float sp = power[k + 1];
      double a = (double) (sp + sm) - 2.0 * s0;
      double b = (double) (sp - sm) / 2.0;
      float shift = Math.abs(b) >= Math.abs(a) ? 0f : (float) (-b / a);
      float avg = (sp - sm) / 2f;
      float dskew = 0.5f * avg * shift;
      float mag = s0 + dskew;
      float pitch = (float) ((k + (double) shift) * (double) sampleRate / nFft);
      add(mag, histogramBin(pitch));
    }
    // bin 0 is never a local max (edge padding); the last bin is handled only when inside [fmin, fmax)
    if (hiBin == n && n >= 2) {
      int k = n - 1;
      float x = power[k] > ref ? power[k] : 0f;
      float left = power[k - 1] > ref ? power[k - 1] : 0f;
      if (x > left) {
        float pitch = (float) ((double) k * sampleRate / nFft); // shift 0 at the edge
        add(power[k], histogramBin(pitch));
      }
    }
  }

  /** Adds one power-spectrogram frame (float64 values, float64 arithmetic). */
  public void addFrame(double[] power) {
    int n = numBins;
    double max = 0;
    for (int k = 0; k < n; k++) {
      max = Math.max(max, power[k]);
    }
    double ref = 0.1 * max;
    for (int k = Math.max(loBin, 1); k < Math.min(hiBin, n); k++) {
      double x = power[k] > ref ? power[k] : 0;
      double xm = power[k - 1] > ref ? power[k - 1] : 0;
      double xp = k + 1 < n ? (power[k + 1] > ref ? power[k + 1] : 0) : x;
      if (!(x > xm && x >= xp)) {
        continue;
      }
      double shift = 0;
      double dskew = 0;
      if (k + 1 < n) {
        double a = power[k + 1] + power[k - 1] - 2 * power[k];
        double b = (power[k + 1] - power[k - 1]) / 2;
        shift = Math.abs(b) >= Math.abs(a) ? 0 : -b / a;
        dskew = 0.5 * b * shift;
      }
      double mag = power[k] + dskew;
      double pitch = (k + shift) * (double) sampleRate / nFft;
      add((float) mag, histogramBin(pitch));
    }
  }

  /** The bin of {@code np.histogram(residual, linspace(-0.5, 0.5, 101))}, or -1 when not counted. */
  private int histogramBin(double pitch) {
    if (!(pitch > 0)) {
      return -1;
    }
    double residual;
    if (float32) {
      // FastLog's log2 (3e-9 absolute) rounds to the same float32 as Math.log's in all of 5 million sampled pitches
      float octs = (float) FastLog.log2((float) (pitch / (440.0 / 16)));
      float r = (float) binsPerOctave * octs;
      // numpy's r % 1.0 (in [0, 1)): r - floor(r) rounds the same real number once, as fmod then +1 does, and
      // avoids the slow fmod call
      r = r - (float) Math.floor(r);
      // then into [-0.5, 0.5): minus 1 from 0.5 on, without a branch that half of all candidates would mispredict
      // (r >= 0, so its bits order as its values; r - 1 is exact there)
      residual = r - (float) ((HALF_BITS_MINUS_ONE - Float.floatToRawIntBits(r)) >>> 31);
    } else {
      double octs = FrequencyScales.log2(pitch / (440.0 / 16));
      double r = binsPerOctave * octs;
      r = r % 1.0;
      if (r < 0) {
        r += 1.0;
      }
      if (r >= 0.5) {
        r -= 1.0;
      }
      residual = r;
    }
    if (residual < edges[0] || residual > edges[numHistBins]) {
      return -1;
    }
    int i = (int) ((residual - edges[0]) * numHistBins);
    i = Math.min(Math.max(i, 0), numHistBins - 1);
    while (i > 0 && residual < edges[i]) {
      i--;
    }
    while (i < numHistBins - 1 && residual >= edges[i + 1]) {
      i++;
    }
    return i;
  }

  private void add(float mag, int bin) {
    int chunk = (int) (count / CHUNK);
    int pos = (int) (count % CHUNK);
    if (chunk >= magChunks.length) {
      magChunks = Arrays.copyOf(magChunks, magChunks.length * 2);
      binChunks = Arrays.copyOf(binChunks, binChunks.length * 2);
    }
    if (magChunks[chunk] == null) {
      magChunks[chunk] = new float[CHUNK];
      binChunks[chunk] = new byte[CHUNK];
    }
    magChunks[chunk][pos] = mag;
    binChunks[chunk][pos] = (byte) bin;
    count++;
  }

  /** Number of pitch candidates kept so far. */
  public long numCandidates() {
    return count;
  }

  /**
   * The estimated tuning in fractions of a bin, a left edge of the 0.01-wide histogram bins in [-0.5, 0.5); 0 when
   * there are no pitch candidates (librosa warns and returns 0.0).
   */
  public double estimate() {
    if (count == 0) {
      return 0.0;
    }
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many pitch candidates for tuning estimation: " + count);
    }
    float[] mags = new float[(int) count];
    for (long i = 0; i < count; i++) {
      mags[(int) i] = magChunks[(int) (i / CHUNK)][(int) (i % CHUNK)];
    }
    int n = mags.length;
    // np.median: the middle value, or the mean of the two middle ones; a selection, not a sort of every candidate
    float upper = Selection.select(mags, n / 2);
    float median;
    if (n % 2 == 1) {
      median = upper;
    } else {
      float lower = Selection.maxOf(mags, 0, n / 2);
      median = float32 ? (lower + upper) / 2f : (float) (((double) lower + upper) / 2);
    }
    long[] counts = new long[numHistBins];
    for (long i = 0; i < count; i++) {
      float m = magChunks[(int) (i / CHUNK)][(int) (i % CHUNK)];
      int b = binChunks[(int) (i / CHUNK)][(int) (i % CHUNK)];
      if (m >= median && b >= 0) {
        counts[b]++;
      }
    }
    int best = 0;
    for (int i = 1; i < numHistBins; i++) {
      if (counts[i] > counts[best]) {
        best = i;
      }
    }
    if (counts[best] == 0) {
      return 0.0;
    }
    return edges[best];
  }
}
