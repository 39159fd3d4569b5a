package org.noodlevision.audio.features;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.noodlevision.audio.dsp.SparseFilterBank;
import org.noodlevision.audio.dsp.TuningEstimator;

/**
 * The state of computing one clip: output builders, the clip-wide log-mel maximum (for top_db) and the tuning
 * candidates. Pass 1 computes everything that needs only the current frame; what needs clip-wide statistics (MFCC
 * after the top_db floor when the log-mel rows are not kept, chroma with estimated tuning) is computed by pass 2 over
 * the same frames. One run per clip; not thread-safe.
 */
final class PipelineRun {
  private final FrameKernel kernel;
  private final SpectralSetup setup;
  private final boolean float32;
  private final boolean wantSpec;
  private final boolean wantPower;
  private final boolean wantMel;
  private final boolean wantLogMel;
  private final boolean wantMfcc;
  private final boolean wantChroma;
  private final boolean needMel;
  private final boolean needDb;
  private final boolean mfccInPass2;
  private final boolean estimateTuning;
  private final boolean chromaFromOutput;
  private final boolean needMagnitude;
  private final Map<Feature, MatrixBuilder> out = new EnumMap<>(Feature.class);
  private MatrixBuilder dbRows;
  private DoubleRowStore dbRowsD;
  private double dbMax = Double.NEGATIVE_INFINITY;
  private double floor = Double.NEGATIVE_INFINITY;
  private final TuningEstimator tuningEstimator;
  private SparseFilterBank chromaBank;
  private float[][] chromaDense;
  private float[] chromaTransposed;
  /** Set while the current frame's chroma was loaded from the batch's lane projection. */
  private boolean chromaLoaded;
  private double tuning = Double.NaN;
  private long pass1Frames;

  /**
   * @param keepDbRows keep log-mel rows for MFCC (one pass); false computes MFCC in pass 2 (bounded memory)
   * @param memory where the output matrices and kept rows live (heap, or a MemoryManager's pool); {@link #release()}
   *     frees what {@link #result()} did not
   */
  PipelineRun(FrameKernel kernel, Set<Feature> features, long expectedFrames, boolean keepDbRows,
      StagingMemory memory) {
    this.kernel = kernel;
    this.setup = kernel.setup();
    if (kernel.batched()) {
      // the kernel outlives runs: a run that failed part-way (a corrupt or non-finite sample) left its frames there
      kernel.clearBatch();
    }
    FeatureParams p = setup.params;
    this.float32 = setup.float32;
    wantSpec = features.contains(Feature.SPECTROGRAM);
    wantPower = features.contains(Feature.POWER_SPECTROGRAM);
    wantMel = features.contains(Feature.MEL_SPECTROGRAM);
    wantLogMel = features.contains(Feature.LOG_MEL_SPECTROGRAM);
    wantMfcc = features.contains(Feature.MFCC);
    wantChroma = features.contains(Feature.CHROMA);
    needDb = wantLogMel || wantMfcc;
    needMel = wantMel || needDb;
    mfccInPass2 = wantMfcc && !keepDbRows && !(wantLogMel && float32);
    estimateTuning = wantChroma && p.tuning() == null;
    // float32 power is float(|X|)^2 exactly as stored: chroma can reuse the spectrogram output instead of an FFT pass
    chromaFromOutput = estimateTuning && float32 && (wantSpec || wantPower) && !mfccInPass2;
    // chroma (and its tuning estimate) use librosa's exact power float(|X|)^2
    needMagnitude = wantSpec || wantChroma || (wantMel && p.power() != 2.0) || (needDb && p.power() != 2.0);
    int bins = p.numFrequencyBins();
    try {
      for (Feature f : features) {
        int width;
        switch (f) {
          case SPECTROGRAM:
          case POWER_SPECTROGRAM:
            width = bins;
            break;
          case MEL_SPECTROGRAM:
          case LOG_MEL_SPECTROGRAM:
            width = p.nMels();
            break;
          case MFCC:
            width = p.nMfcc();
            break;
          default:
            width = p.nChroma();
        }
        out.put(f, new MatrixBuilder(width, expectedFrames, memory));
      }
      if (wantLogMel) {
        dbRows = out.get(Feature.LOG_MEL_SPECTROGRAM);
      } else if (wantMfcc && float32 && !mfccInPass2) {
        dbRows = new MatrixBuilder(p.nMels(), expectedFrames, memory);
      }
      if (wantMfcc && !float32 && !mfccInPass2) {
        dbRowsD = new DoubleRowStore(p.nMels(), expectedFrames, memory);
      }
    } catch (RuntimeException e) {
      // an output that fits neither the pool nor the heap (or no Java array): free the builders made before it
      release();
      throw e;
    }
    tuningEstimator = estimateTuning ? new TuningEstimator(setup.sampleRate, bins, p.nChroma(), float32) : null;
    if (wantChroma && !estimateTuning) {
      tuning = p.tuning();
      chromaBank = setup.chroma(tuning);
      chromaDense = setup.denseChroma(tuning);
      chromaTransposed = setup.transposedChroma(tuning);
    }
  }

  boolean needsPass2() {
    return mfccInPass2 || (estimateTuning && !chromaFromOutput);
  }

  /** Pass 1 over one frame. */
  void pass1(float[] buf, int off) {
    pass1Frames++;
    if (kernel.batched()) {
      if (kernel.addToBatch(buf, off)) {
        drainBatch(true);
      }
      return;
    }
    kernel.spectrum(buf, off, needMagnitude);
    if (needMel) {
      kernel.mel();
    }
    consumePass1();
  }

  /** Computes the frames in the kernel's batch and runs pass 1 or 2 on each, in order; empties the batch. */
  private void drainBatch(boolean firstPass) {
    int n = kernel.batchSize();
    if (n == 0) {
      return;
    }
    boolean mel = firstPass ? needMel : mfccInPass2;
    boolean magnitude = firstPass && wantSpec;
    // power rows: the power output, and tuning estimation (chroma itself is projected from the batch's lanes)
    boolean power = firstPass && (wantPower || estimateTuning);
    boolean db = firstPass ? needDb : mfccInPass2;
    kernel.computeBatch(needMagnitude, mel, db);
    // chroma in this pass (fixed tuning in pass 1, estimated tuning in pass 2): projected for all lanes at once
    boolean chroma = firstPass ? wantChroma && !estimateTuning : estimateTuning && !chromaFromOutput;
    if (chroma) {
      kernel.chromaOfBatch(chromaTransposed);
    }
    // with the magnitude row at hand, power is its square (as the batch forms it): a contiguous loop, not a gather
    boolean powerFromMagnitude = power && magnitude;
    // pass 1's dB rows and their maximum for the whole batch at once, not frame by frame (consumePass1 skips them)
    if (firstPass && db) {
      dbMax = Math.max(dbMax, kernel.dbRowsOfBatch());
      if (dbRows != null) {
        for (int lane = 0, nMels = setup.params.nMels(); lane < n; lane++) {
          dbRows.appendRow(kernel.dbBatchRows(), lane * nMels);
        }
      }
    }
    for (int lane = 0; lane < n; lane++) {
      kernel.loadFromBatch(lane, magnitude, power && !powerFromMagnitude, mel, db && !firstPass);
      if (powerFromMagnitude) {
        kernel.powerFromMagnitude(kernel.magF, 0);
      }
      if (chroma) {
        kernel.loadChromaFromBatch(lane);
        chromaLoaded = true;
      }
      if (firstPass) {
        consumePass1();
      } else {
        consumePass2();
      }
    }
    chromaLoaded = false;
    kernel.clearBatch();
  }

  /** Pass 1's work on the current frame's spectrum and mel (in the kernel's buffers). */
  private void consumePass1() {
    if (wantSpec) {
      append(Feature.SPECTROGRAM, kernel.magF, kernel.magD);
    }
    if (wantPower) {
      append(Feature.POWER_SPECTROGRAM, kernel.powF, kernel.powD);
    }
    if (needMel) {
      if (wantMel) {
        append(Feature.MEL_SPECTROGRAM, kernel.melF, kernel.melD);
      }
      // batched, drainBatch took the batch's dB rows and maximum at once
      if (needDb && !kernel.batched()) {
        dbMax = Math.max(dbMax, kernel.db());
        if (dbRows != null) {
          if (float32) {
            dbRows.appendRow(kernel.dbF);
          } else {
            dbRows.appendRow(kernel.dbD);
          }
        }
        if (dbRowsD != null) {
          dbRowsD.append(kernel.dbD);
        }
      }
    }
    if (wantChroma) {
      if (estimateTuning) {
        if (float32) {
          kernel.addTuningFrame(tuningEstimator);
        } else {
          tuningEstimator.addFrame(kernel.powD);
        }
      } else {
        if (!chromaLoaded) {
          kernel.chroma(chromaBank, chromaDense);
        }
        append(Feature.CHROMA, kernel.chromaF, kernel.chromaD);
      }
    }
  }

  /** After pass 1: applies the top_db floor, computes MFCC from kept rows, estimates the tuning. */
  void endPass1() {
    if (kernel.batched()) {
      drainBatch(true);
    }
    Double topDb = setup.params.topDb();
    if (needDb && topDb != null) {
      floor = float32 ? (float) (dbMax - topDb) : dbMax - topDb;
    }
    // rows kept only for MFCC are floored as MFCC reads them, not in a pass of their own
    boolean floorAsRead = dbRows != null && topDb != null && !wantLogMel;
    if (dbRows != null && topDb != null && wantLogMel) {
      // FLOAT64 log-mel output: float(max(x, floor)) == max(float(x), float(floor)) as rounding is monotonic
      dbRows.floorAll((float) floor);
    }
    if (dbRowsD != null && topDb != null) {
      dbRowsD.floorAll(floor);
    }
    if (wantMfcc && !mfccInPass2) {
      int nMels = setup.params.nMels();
      MatrixBuilder mfcc = out.get(Feature.MFCC);
      int rows = float32 ? dbRows.numFrames() : dbRowsD.rows();
      float[] rowF = new float[nMels];
      double[] rowD = new double[nMels];
      for (int t = 0; t < rows; t++) {
        if (float32) {
          dbRows.readRow(t, rowF);
          if (floorAsRead) {
            raiseTo(rowF, (float) floor);
          }
          kernel.mfcc(rowF, 0);
          mfcc.appendRow(kernel.mfccF);
        } else {
          dbRowsD.readRow(t, rowD);
          kernel.mfcc(rowD, 0);
          mfcc.appendRow(kernel.mfccD);
        }
      }
      if (dbRowsD != null) {
        dbRowsD.release();
        dbRowsD = null;
      }
      if (dbRows != null && !wantLogMel) {
        dbRows.release();
        dbRows = null;
      }
    }
    if (estimateTuning) {
      tuning = tuningEstimator.estimate();
      chromaBank = setup.chroma(tuning);
      chromaDense = setup.denseChroma(tuning);
      chromaTransposed = setup.transposedChroma(tuning);
      if (chromaFromOutput && kernel.chromaOfRowsAvailable()) {
        kernel.chromaOfRows(out.get(wantPower ? Feature.POWER_SPECTROGRAM : Feature.SPECTROGRAM), wantPower,
            setup.transposedChroma(tuning), out.get(Feature.CHROMA));
      } else if (chromaFromOutput) {
        MatrixBuilder src = out.get(wantPower ? Feature.POWER_SPECTROGRAM : Feature.SPECTROGRAM);
        MatrixBuilder chroma = out.get(Feature.CHROMA);
        float[] row = new float[src.numBins()];
        for (int t = 0; t < src.numFrames(); t++) {
          src.readRow(t, row);
          if (wantPower) {
            kernel.powerFromPower(row, 0);
          } else {
            kernel.powerFromMagnitude(row, 0);
          }
          kernel.chroma(chromaBank, chromaDense);
          chroma.appendRow(kernel.chromaF);
        }
      }
    }
  }

  /** Pass 2 over one frame: MFCC with the clip's floor and/or chroma with the estimated tuning. */
  void pass2(float[] buf, int off) {
    if (kernel.batched()) {
      if (kernel.addToBatch(buf, off)) {
        drainBatch(false);
      }
      return;
    }
    kernel.spectrum(buf, off, needMagnitude);
    if (mfccInPass2) {
      kernel.mel();
    }
    consumePass2();
  }

  /** After pass 2: computes the frames still in the batch. */
  void endPass2() {
    if (kernel.batched()) {
      drainBatch(false);
    }
  }

  /** Raises every value of {@code row} to at least {@code floor} (top_db's floor on a float32 dB row). */
  private static void raiseTo(float[] row, float floor) {
    for (int m = 0; m < row.length; m++) {
      row[m] = Math.max(row[m], floor);
    }
  }

  private void consumePass2() {
    if (mfccInPass2) {
      kernel.db();
      if (float32) {
        raiseTo(kernel.dbF, (float) floor);
        kernel.mfcc(kernel.dbF, 0);
        out.get(Feature.MFCC).appendRow(kernel.mfccF);
      } else {
        for (int m = 0; m < kernel.dbD.length; m++) {
          kernel.dbD[m] = Math.max(kernel.dbD[m], floor);
        }
        kernel.mfcc(kernel.dbD, 0);
        out.get(Feature.MFCC).appendRow(kernel.mfccD);
      }
    }
    if (estimateTuning && !chromaFromOutput) {
      if (!chromaLoaded) {
        kernel.chroma(chromaBank, chromaDense);
      }
      append(Feature.CHROMA, kernel.chromaF, kernel.chromaD);
    }
  }

  FeatureResult result() {
    Map<Feature, FeatureMatrix> matrices = new EnumMap<>(Feature.class);
    for (Map.Entry<Feature, MatrixBuilder> e : out.entrySet()) {
      FeatureMatrix m = e.getValue().build();
      if (m.numFrames() != pass1Frames) {
        throw new IllegalStateException("feature " + e.getKey().featureName() + " has " + m.numFrames()
            + " frames, the clip " + pass1Frames + ": the source gave different samples on its second pass");
      }
      matrices.put(e.getKey(), m);
    }
    return new FeatureResult((int) pass1Frames, matrices, wantChroma ? tuning : Double.NaN);
  }

  /** Frees the pool memory of everything not yet built (idempotent; call when the run ends, even by an error). */
  void release() {
    for (MatrixBuilder b : out.values()) {
      b.release();
    }
    if (dbRows != null) {
      dbRows.release();
    }
    if (dbRowsD != null) {
      dbRowsD.release();
    }
  }

  private void append(Feature f, float[] rowF, double[] rowD) {
    if (float32) {
      out.get(f).appendRow(rowF);
    } else {
      out.get(f).appendRow(rowD);
    }
  }
}
