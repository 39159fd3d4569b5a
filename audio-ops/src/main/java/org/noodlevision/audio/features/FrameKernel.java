package org.noodlevision.audio.features;

import org.noodlevision.audio.dsp.FastLog;
import org.noodlevision.audio.dsp.LaneTranspose;
import org.noodlevision.audio.dsp.RealFft;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.dsp.SparseFilterBank;
import org.noodlevision.audio.dsp.StftBatch;
import org.noodlevision.audio.dsp.TuningEstimator;

/**
 * The per-frame arithmetic of the pipeline with fixed buffers: window, real FFT, magnitude and power, mel
 * projection, dB, DCT and chroma. librosa's float32 steps are reproduced in {@code FLOAT32} (the FFT runs in float64
 * as librosa's does, then rounds to complex64); {@code FLOAT64} stays in float64. Nothing is allocated per frame.
 *
 * <p>With {@link SimdKernels} (the JVM runs with {@code jdk.incubator.vector}), float32 work is vectorised: the STFT
 * runs on a {@link StftBatch} of frames, one per SIMD lane, with the same float64 FFT and float32 rounding as the
 * scalar code, and the mel projection; DCT and chroma projections use float32 vector dot products.
 * Callers of a batched kernel ({@link #batched()}) add frames with {@link #addToBatch} and, when the batch is full or
 * the pass ends, {@link #computeBatch} and read each frame back with {@link #loadFromBatch}.
 */
final class FrameKernel {
  private static final float TINY32 = Float.MIN_NORMAL;
  private static final double TINY64 = Double.MIN_NORMAL;

  private final SpectralSetup setup;
  private final boolean float32;
  private final int nFft;
  private final int numBins;
  private final RealFft fft;
  private final double[] re;
  private final double[] im;
  final float[] magF;
  final float[] powF;
  final float[] melInF;
  final double[] magD;
  final double[] powD;
  final double[] melInD;
  final float[] melF;
  final double[] melD;
  final float[] dbF;
  final double[] dbD;
  final float[] mfccF;
  final double[] mfccD;
  final float[] chromaF;
  final double[] chromaD;
  private final double[] chromaAcc;
  /** power_to_db's amin and reference level {@code 10 log10(max(amin, ref))}, in float32 and float64. */
  private final float aminF;
  private final float refDbF;
  private final double refDbD;
  private final SimdKernels simd;
  private final StftBatch batch;
  /** Set while {@link #dbF} holds the current frame's dB values from the batch. */
  private boolean dbLoaded;
  /** The batch's magnitude rows, {@code [lane][bin]} (null without a batch). */
  private final float[] magnitudeRows;
  /** The batch's dB rows, {@code [lane][mel]} (null without a batch). */
  private final float[] dbBatchRows;
  /** Chroma of the batch's frames, {@code [chroma][lane]} (made on first use). */
  private float[] chromaLanes;
  /**
   * The DCT matrix transposed in float32, {@code [mel][k]} with the rows padded to {@link #dctStride} (null without
   * SIMD), and the padded MFCC row the SIMD product writes.
   */
  private final float[] dctT;
  private final int dctStride;
  private final float[] mfccPadded;

  /** A kernel using {@code simd} for float32 work, or only scalar code when it is null. */
  FrameKernel(SpectralSetup setup, SimdKernels simd) {
    this.setup = setup;
    FeatureParams p = setup.params;
    this.float32 = setup.float32;
    this.nFft = p.nFft();
    this.numBins = p.numFrequencyBins();
    this.fft = new RealFft(nFft);
    this.re = new double[numBins];
    this.im = new double[numBins];
    this.magF = new float[numBins];
    this.powF = new float[numBins];
    this.melInF = p.power() == 1.0 || p.power() == 2.0 ? null : new float[numBins];
    this.magD = new double[numBins];
    this.powD = new double[numBins];
    this.melInD = p.power() == 1.0 || p.power() == 2.0 ? null : new double[numBins];
    this.melF = new float[p.nMels()];
    this.melD = new double[p.nMels()];
    this.dbF = new float[p.nMels()];
    this.dbD = new double[p.nMels()];
    this.mfccF = new float[p.nMfcc()];
    this.mfccD = new double[p.nMfcc()];
    this.chromaF = new float[p.nChroma()];
    this.chromaD = new double[p.nChroma()];
    this.chromaAcc = new double[2 * p.nChroma()];
    this.aminF = (float) p.amin();
    this.refDbD = 10.0 * Math.log10(Math.max(p.amin(), p.ref()));
    this.refDbF = (float) refDbD;
    this.simd = float32 ? simd : null;
    boolean batchable = this.simd != null && SimdKernels.supportsFftSize(nFft)
        && (p.power() == 1.0 || p.power() == 2.0);
    this.batch = batchable
        ? this.simd.newStftBatch(nFft, p.hopLength(), setup.window, setup.mel, p.power() == 2.0) : null;
    this.magnitudeRows = batchable ? new float[batch.capacity() * numBins] : null;
    this.dbBatchRows = batchable && setup.mel != null ? new float[batch.capacity() * p.nMels()] : null;
    if (this.simd != null) {
      int lanes = this.simd.lanes();
      int nMfcc = setup.dct.length;
      int nMels = p.nMels();
      dctStride = (nMfcc + lanes - 1) / lanes * lanes;
      dctT = new float[nMels * dctStride];
      for (int k = 0; k < nMfcc; k++) {
        for (int m = 0; m < nMels; m++) {
          dctT[m * dctStride + k] = (float) setup.dct[k][m];
        }
      }
      mfccPadded = new float[dctStride];
    } else {
      dctStride = 0;
      dctT = null;
      mfccPadded = null;
    }
  }

  /** Whether frames go through {@link #addToBatch} instead of {@link #spectrum}. */
  boolean batched() {
    return batch != null;
  }

  /** Adds the frame {@code buf[off .. off + n_fft)} to the batch; returns true when the batch is now full. */
  boolean addToBatch(float[] buf, int off) {
    batch.add(buf, off);
    return batch.size() == batch.capacity();
  }

  /** Frames in the batch. */
  int batchSize() {
    return batch.size();
  }

  /** Transforms the batch (with the mel projection when {@code withMel}, and its dB values when {@code withDb}). */
  void computeBatch(boolean withMagnitude, boolean withMel, boolean withDb) {
    batch.compute(withMagnitude, withMel);
    if (withDb) {
      batch.computeMelDb(aminF, refDbF);
    }
  }

  /**
   * Copies the dB values of all the batch's frames (after {@link #computeBatch} with dB) into {@link #dbBatchRows}
   * at once, a tiled transpose instead of a strided copy per frame; returns their maximum (NaN when one is NaN).
   */
  float dbRowsOfBatch() {
    batch.melDbRows(dbBatchRows);
    return simd.max(dbBatchRows, 0, batch.size() * setup.params.nMels());
  }

  /** The rows {@link #dbRowsOfBatch} filled: frame f's dB values at {@code [f * n_mels ..]}. */
  float[] dbBatchRows() {
    return dbBatchRows;
  }

  /**
   * Loads the batch's frame {@code lane} into {@link #magF}, {@link #powF}, {@link #melF} and {@link #dbF} as
   * asked.
   */
  void loadFromBatch(int lane, boolean magnitude, boolean power, boolean mel, boolean db) {
    dbLoaded = db;
    if (db) {
      batch.melDb(lane, dbF);
    }
    if (magnitude) {
      if (lane == 0) {
        // all the batch's rows at once, by tiles: far cheaper than a strided walk per frame
        batch.magnitudeRows(magnitudeRows);
      }
      System.arraycopy(magnitudeRows, lane * numBins, magF, 0, numBins);
    }
    if (power) {
      batch.power(lane, powF);
    }
    if (mel) {
      batch.mel(lane, melF);
    }
  }

  /** Adds the float32 power buffer {@link #powF} to {@code tuning}, its maximum found by SIMD when available. */
  void addTuningFrame(TuningEstimator tuning) {
    if (simd != null) {
      tuning.addFrame(powF, simd.max(powF, 0, numBins), simd);
    } else {
      tuning.addFrame(powF);
    }
  }

  /** Empties the batch (and forgets the dB values loaded from it). */
  void clearBatch() {
    dbLoaded = false;
    batch.clear();
  }

  SpectralSetup setup() {
    return setup;
  }

  /**
   * Windows {@code buf[off .. off + n_fft)}, transforms it and fills power, and magnitude when {@code withMagnitude}
   * (float32 power is then {@code float(|X|)^2} as librosa's; without it {@code float(re^2 + im^2)}, within an ulp).
   */
  void spectrum(float[] buf, int off, boolean withMagnitude) {
    fft.transformWindowed(buf, off, setup.window, re, im);
    if (float32 && withMagnitude) {
      for (int k = 0; k < numBins; k++) {
        float r = (float) re[k];
        float i = (float) im[k];
        float m = (float) Math.sqrt((double) r * r + (double) i * i);
        magF[k] = m;
        powF[k] = m * m;
      }
    } else if (float32) {
      for (int k = 0; k < numBins; k++) {
        float r = (float) re[k];
        float i = (float) im[k];
        powF[k] = (float) ((double) r * r + (double) i * i);
      }
    } else {
      for (int k = 0; k < numBins; k++) {
        double m = Math.sqrt(re[k] * re[k] + im[k] * im[k]);
        magD[k] = m;
        powD[k] = m * m;
      }
    }
  }

  /** The mel spectrogram of the current frame: {@code mel @ |X|^power}. */
  void mel() {
    double power = setup.params.power();
    if (float32) {
      float[] in = power == 2.0 ? powF : magF;
      if (melInF != null) {
        for (int k = 0; k < numBins; k++) {
          melInF[k] = (float) Math.pow(magF[k], power);
        }
        in = melInF;
      }
      setup.mel.applyFloat(in, melF);
    } else {
      double[] in = power == 2.0 ? powD : magD;
      if (melInD != null) {
        for (int k = 0; k < numBins; k++) {
          melInD[k] = Math.pow(magD[k], power);
        }
        in = melInD;
      }
      setup.mel.applyDouble(in, melD);
    }
  }

  /**
   * {@code power_to_db} of the current mel frame, before the top_db floor (already in {@link #dbF} when loaded from
   * the batch); returns the frame maximum.
   */
  double db() {
    FeatureParams p = setup.params;
    if (dbLoaded) {
      float max = Float.NEGATIVE_INFINITY;
      for (float v : dbF) {
        max = Math.max(max, v);
      }
      return max;
    }
    if (float32) {
      float max = Float.NEGATIVE_INFINITY;
      for (int m = 0; m < melF.length; m++) {
        float v = FastLog.powerToDb(melF[m], aminF, refDbF);
        dbF[m] = v;
        max = Math.max(max, v);
      }
      return max;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int m = 0; m < melD.length; m++) {
      double v = 10.0 * Math.log10(Math.max(p.amin(), melD[m])) - refDbD;
      dbD[m] = v;
      max = Math.max(max, v);
    }
    return max;
  }

  /** MFCC of a floored log-mel row {@code db[off .. off + n_mels)} into {@link #mfccF} / {@link #mfccD}. */
  void mfcc(float[] db, int off) {
    double[][] dct = setup.dct;
    double[] lift = setup.lifterScale;
    int nMels = setup.params.nMels();
    if (simd != null) {
      simd.vectorTimesMatrix(db, off, nMels, dctT, dctStride, mfccPadded);
      for (int k = 0; k < mfccF.length; k++) {
        float v = mfccPadded[k];
        mfccF[k] = lift == null ? v : v * (float) lift[k];
      }
      return;
    }
    for (int k = 0; k < dct.length; k++) {
      double[] row = dct[k];
      double acc = 0;
      for (int m = 0; m < nMels; m++) {
        acc += row[m] * db[off + m];
      }
      if (float32) {
        float v = (float) acc;
        mfccF[k] = lift == null ? v : v * (float) lift[k];
      } else {
        mfccD[k] = lift == null ? acc : acc * lift[k];
      }
    }
  }

  /** MFCC of a floored float64 log-mel row. */
  void mfcc(double[] db, int off) {
    double[][] dct = setup.dct;
    double[] lift = setup.lifterScale;
    int nMels = setup.params.nMels();
    for (int k = 0; k < dct.length; k++) {
      double[] row = dct[k];
      double acc = 0;
      for (int m = 0; m < nMels; m++) {
        acc += row[m] * db[off + m];
      }
      mfccD[k] = lift == null ? acc : acc * lift[k];
    }
  }

  /** Refills the float32 power buffer from a stored magnitude row ({@code power = mag * mag}, as in pass 1). */
  void powerFromMagnitude(float[] mag, int off) {
    for (int k = 0; k < numBins; k++) {
      float m = mag[off + k];
      powF[k] = m * m;
    }
  }

  /** Refills the float32 power buffer from a stored power row. */
  void powerFromPower(float[] pow, int off) {
    System.arraycopy(pow, off, powF, 0, numBins);
  }

  /**
   * Chroma of the current power frame with {@code bank} (or, with SIMD in float32, its dense float32 form
   * {@code denseF}), max-normalised (frames below tiny left as they are).
   */
  void chroma(SparseFilterBank bank, float[][] denseF) {
    if (float32) {
      if (simd != null) {
        for (int c = 0; c < chromaF.length; c++) {
          chromaF[c] = simd.dot(denseF[c], 0, powF, 0, numBins);
        }
      } else {
        bank.applyFloat(powF, chromaF, chromaAcc);
      }
      normalizeChromaF();
    } else {
      bank.applyDouble(powD, chromaD, chromaAcc);
      double max = 0;
      for (double v : chromaD) {
        max = Math.max(max, Math.abs(v));
      }
      double len = max < TINY64 ? 1 : max;
      for (int c = 0; c < chromaD.length; c++) {
        chromaD[c] = chromaD[c] / len;
      }
    }
  }

  /** Divides {@link #chromaF} by its largest magnitude (librosa's norm=inf; frames below tiny are left as they are). */
  private void normalizeChromaF() {
    float max = 0f;
    for (float v : chromaF) {
      max = Math.max(max, Math.abs(v));
    }
    float len = max < TINY32 ? 1f : max;
    for (int c = 0; c < chromaF.length; c++) {
      chromaF[c] = chromaF[c] / len;
    }
  }

  /** Chroma of every frame of the batch, through the transposed bank {@code weightsT}; read with {@link #loadChromaFromBatch}. */
  void chromaOfBatch(float[] weightsT) {
    if (chromaLanes == null) {
      chromaLanes = new float[chromaF.length * batch.capacity()];
    }
    batch.projectPower(weightsT, chromaF.length, chromaLanes);
  }

  /** Loads frame {@code lane}'s chroma from {@link #chromaOfBatch} into {@link #chromaF}, max-normalised. */
  void loadChromaFromBatch(int lane) {
    int lanes = batch.capacity();
    for (int c = 0; c < chromaF.length; c++) {
      chromaF[c] = chromaLanes[c * lanes + lane];
    }
    normalizeChromaF();
  }

  /** Whether {@link #chromaOfRows} is available: float32 with SIMD kernels ({@link #simd} is null otherwise). */
  boolean chromaOfRowsAvailable() {
    return simd != null;
  }

  /**
   * Chroma of every stored row of {@code src} (magnitude, or power when {@code rowsArePower}), appended to
   * {@code dst}: {@link SimdKernels#lanes()} rows at a time are transposed into lanes as power and projected through
   * the transposed bank {@code weightsT}, so each weight is read once per group of frames instead of once per frame.
   */
  void chromaOfRows(MatrixBuilder src, boolean rowsArePower, float[] weightsT, MatrixBuilder dst) {
    int lanes = simd.lanes();
    int nChroma = chromaF.length;
    float[] powerLanes = new float[numBins * lanes];
    float[] rowGroup = new float[numBins * lanes];
    float[] chromaLanes = new float[nChroma * lanes];
    int frames = src.numFrames();
    for (int t0 = 0; t0 < frames; t0 += lanes) {
      int n = Math.min(lanes, frames - t0);
      for (int f = 0; f < n; f++) {
        src.readRow(t0 + f, rowGroup, f * numBins);
      }
      LaneTranspose.rowsToLanes(rowGroup, numBins, numBins, n, powerLanes, lanes, !rowsArePower);
      simd.projectLanes(powerLanes, numBins, weightsT, nChroma, chromaLanes);
      for (int f = 0; f < n; f++) {
        for (int c = 0; c < nChroma; c++) {
          chromaF[c] = chromaLanes[c * lanes + f];
        }
        normalizeChromaF();
        dst.appendRow(chromaF);
      }
    }
  }
}
