package org.noodlevision.audio.features;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.noodlevision.audio.dsp.BandedFilterBank;
import org.noodlevision.audio.dsp.ChromaFilterBank;
import org.noodlevision.audio.dsp.DctMatrix;
import org.noodlevision.audio.dsp.MelFilterBank;
import org.noodlevision.audio.dsp.SparseFilterBank;
import org.noodlevision.audio.dsp.Windows;

/**
 * The immutable, shareable tables of one (parameters, sample rate): window, mel bank, DCT, lifter, and chroma banks
 * per tuning. Built once and cached process-wide ({@link #of}); a bounded cache since the key space (parameter sets x
 * sample rates x tunings) is small in practice but not bounded by input.
 */
final class SpectralSetup {
  private static final int MAX_CACHED = 256;
  /** Chroma weights below this fraction of their bin's largest weight are skipped (see SparseFilterBank). */
  private static final double CHROMA_REL_THRESHOLD = 1e-8;
  private static final ConcurrentHashMap<Key, SpectralSetup> CACHE = new ConcurrentHashMap<>();

  final FeatureParams params;
  final int sampleRate;
  final boolean float32;
  final double[] window;
  final BandedFilterBank mel;
  final double[][] dct;
  final double[] lifterScale;
  private final ConcurrentHashMap<Double, SparseFilterBank> chromaByTuning = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Double, float[][]> denseChromaByTuning = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Double, float[]> transposedChromaByTuning = new ConcurrentHashMap<>();

  private SpectralSetup(FeatureParams params, int sampleRate) {
    this.params = params;
    this.sampleRate = sampleRate;
    this.float32 = params.precision() == FeatureParams.Precision.FLOAT32;
    double fmax = params.fmax(sampleRate);
    this.window = Windows.hannPeriodicCentered(params.winLength(), params.nFft());
    this.mel = new BandedFilterBank(MelFilterBank.build(sampleRate, params.nFft(), params.nMels(), params.fmin(),
        fmax, params.htk(), params.melNorm() == FeatureParams.MelNorm.SLANEY, float32));
    this.dct = DctMatrix.orthoDct2(params.nMfcc(), params.nMels());
    this.lifterScale = lifterScale(params.nMfcc(), params.lifter(), float32);
  }

  /** The setup of {@code params} at {@code sampleRate}, from the cache when built before. */
  static SpectralSetup of(FeatureParams params, int sampleRate) {
    params.fmax(sampleRate); // validates the sample rate and fmax before anything is built
    Key key = new Key(params, sampleRate);
    SpectralSetup s = CACHE.get(key);
    if (s == null) {
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear();
      }
      s = CACHE.computeIfAbsent(key, k -> new SpectralSetup(k.params, k.sampleRate));
    }
    return s;
  }

  /** The chroma bank for {@code tuning}, built once per tuning value. */
  SparseFilterBank chroma(double tuning) {
    return chromaByTuning.computeIfAbsent(tuning, t -> new SparseFilterBank(
        ChromaFilterBank.build(sampleRate, params.nFft(), t, params.nChroma(), float32), CHROMA_REL_THRESHOLD));
  }

  /**
   * The chroma bank for {@code tuning} as dense float32 rows {@code [chroma][bin]}, every weight kept (for the SIMD
   * dot products), built once per tuning value. Callers must not modify it.
   */
  float[][] denseChroma(double tuning) {
    return denseChromaByTuning.computeIfAbsent(tuning, t -> {
      double[][] dense = ChromaFilterBank.build(sampleRate, params.nFft(), t, params.nChroma(), float32);
      float[][] rows = new float[dense.length][];
      for (int c = 0; c < dense.length; c++) {
        rows[c] = new float[dense[c].length];
        for (int k = 0; k < rows[c].length; k++) {
          rows[c][k] = (float) dense[c][k];
        }
      }
      return rows;
    });
  }

  /**
   * The chroma bank for {@code tuning} transposed, {@code [bin][chroma]} flattened (for
   * {@link org.noodlevision.audio.dsp.SimdKernels#projectLanes}), built once per tuning value. Callers must not modify
   * it.
   */
  float[] transposedChroma(double tuning) {
    return transposedChromaByTuning.computeIfAbsent(tuning, t -> {
      float[][] rows = denseChroma(t);
      int n = rows.length;
      int bins = n == 0 ? 0 : rows[0].length;
      float[] wt = new float[bins * n];
      for (int c = 0; c < n; c++) {
        for (int k = 0; k < bins; k++) {
          wt[k * n + c] = rows[c][k];
        }
      }
      return wt;
    });
  }

  /** librosa's lifter {@code 1 + (L/2) sin(pi (k+1) / L)}, or null when L = 0. */
  private static double[] lifterScale(int nMfcc, double lifter, boolean float32) {
    if (lifter <= 0) {
      return null;
    }
    double[] s = new double[nMfcc];
    for (int k = 0; k < nMfcc; k++) {
      if (float32) {
        float li = (float) Math.sin((float) ((float) Math.PI * (float) (k + 1)) / (float) lifter);
        s[k] = (float) (1f + (float) (lifter / 2) * li);
      } else {
        s[k] = 1 + (lifter / 2) * Math.sin(Math.PI * (k + 1) / lifter);
      }
    }
    return s;
  }

  private static final class Key {
    final FeatureParams params;
    final int sampleRate;

    Key(FeatureParams params, int sampleRate) {
      this.params = params;
      this.sampleRate = sampleRate;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).sampleRate == sampleRate && ((Key) o).params.equals(params);
    }

    @Override
    public int hashCode() {
      return Objects.hash(params, sampleRate);
    }
  }
}
