package org.noodlevision.audio.dsp.vector;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.noodlevision.audio.dsp.BandedFilterBank;
import org.noodlevision.audio.dsp.FastLog;
import org.noodlevision.audio.dsp.LaneTranspose;
import org.noodlevision.audio.dsp.StftBatch;

/**
 * {@link StftBatch} with frames across SIMD lanes, computing what the scalar float32 path computes (and librosa):
 * the window product and the FFT in float64, the spectrum rounded to complex64, the magnitude of the rounded parts
 * and power {@code |X|^2} in float32, the mel projection in float32. The batch is stored element-major,
 * {@code [element][lane]}, so that every step of a scalar FFT becomes one
 * vector operation over the frames, with no shuffles: frame {@code f}'s even/odd packed, windowed samples
 * {@code z[t] = x[2t] w[2t] + i x[2t+1] w[2t+1]} go to lane {@code f} of element {@code t} (read from the frames' hop
 * blocks, transposed once per batch), a {@link BlockedLaneFft} of size {@code m = n_fft / 2} transforms all lanes,
 * and the real spectrum is untangled from it.
 */
final class VectorStftBatch implements StftBatch {
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  /** Floats of the same lane count as {@link #D}, for the float64 to float32 rounding. */
  private static final VectorSpecies<Float> F_OF_D =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  /** Ints of the same lane count as {@link #D}, for the float32 bits of the values whose log is taken. */
  private static final VectorSpecies<Integer> I_OF_D = IntVector.SPECIES_256.length() == D.length()
      ? IntVector.SPECIES_256 : VectorSpecies.of(int.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final int DL = D.length();
  private static final int FL = F.length();
  /** Frames per batch: 16, or one float vector when vectors are wider. */
  static final int LANES = BlockedLaneFft.LANES;

  private final int nFft;
  private final int m;
  private final int bins;
  private final double[] window;
  private final int hop;
  /** Samples of a block: the hop, or the whole frame when frames do not overlap. */
  private final int blockLength;
  /** Blocks in the batch: one per lane, then the later blocks of the last frame; a row of {@link #blocks}. */
  private final int blockCount;
  /** A frame's last block: {@code (n_fft - 1) / hop}. */
  private final int lastBlock;
  /**
   * A frame's first block that the frame before did not bring whole: its last block, or the one before when the
   * frame ends inside its last block (n_fft not a multiple of the hop), so that the frame before brought only part of
   * it.
   */
  private final int firstNewBlock;
  /** Floats between blocks in {@link #blockRows}: the block, padded so that blocks do not share cache sets. */
  private final int blockPitch;
  /**
   * The batch's signal as hop-long blocks, {@code [block][sample of block]}: block {@code b} starts frame {@code b}
   * (sample {@code n = q hop + r} of frame {@code l} is sample r of block {@code l + q}).
   */
  private final float[] blockRows;
  /** Block starts in {@link #blockRows} of the lanes, for the gathers of {@link #transposeBlocks}. */
  private final int[] laneBlockOffsets;
  /**
   * {@link #blockRows} transposed, {@code [sample of block][block]}, so that sample n of all the lanes is one
   * contiguous run for the FFT: each sample is moved once here, not once per frame it is in.
   */
  private final float[] blocks;
  /**
   * Floats per row of {@link #blocks}: the block count rounded up to a 64-byte line, so that with the rows on line
   * boundaries no run of lanes read by the FFT's first pass straddles two lines.
   */
  private final int blocksPitch;
  /** Where row 0 of {@link #blocks} starts for the current batch: the array's first 64-byte boundary. */
  private int blocksBase;
  /** Where sample n of lane 0 lies in {@link #blocks}, from {@link #blocksBase}: {@code (n % hop) pitch + n / hop}. */
  private final int[] sampleAt;
  private final BlockedLaneFft fft;
  private final double[] untangleRe;
  private final double[] untangleIm;
  private final float[] mag;
  private final float[] pow;
  private final int[] melStart;
  private final float[][] melWeights;
  private final boolean melOfPower;
  private final float[] mel;
  private final float[] melDb;
  private int size;

  VectorStftBatch(int nFft, int hop, double[] window, BandedFilterBank melBank, boolean melOfPower) {
    this.nFft = nFft;
    this.m = nFft / 2;
    this.bins = m + 1;
    this.window = window.clone();
    this.hop = hop;
    blockLength = Math.min(hop, nFft);
    lastBlock = (nFft - 1) / hop;
    blockCount = LANES + lastBlock;
    firstNewBlock = lastBlock > 0 && nFft - lastBlock * hop < blockLength ? lastBlock - 1 : lastBlock;
    blockPitch = blockLength + 16;
    blockRows = new float[blockCount * blockPitch];
    laneBlockOffsets = new int[LANES];
    for (int l = 0; l < LANES; l++) {
      laneBlockOffsets[l] = l * blockPitch;
    }
    int lineFloats = CacheLineAlignment.LINE_BYTES / Float.BYTES;
    blocksPitch = (blockCount + lineFloats - 1) / lineFloats * lineFloats;
    blocks = new float[blockLength * blocksPitch + lineFloats];
    sampleAt = new int[nFft];
    for (int n = 0; n < nFft; n++) {
      sampleAt[n] = (n % hop) * blocksPitch + n / hop;
    }
    fft = new BlockedLaneFft(m);
    untangleRe = new double[m / 2 + 1];
    untangleIm = new double[m / 2 + 1];
    for (int k = 0; k <= m / 2; k++) {
      double a = -2.0 * Math.PI * k / nFft;
      untangleRe[k] = Math.cos(a);
      untangleIm[k] = Math.sin(a);
    }
    mag = new float[bins * LANES];
    pow = new float[bins * LANES];
    this.melOfPower = melOfPower;
    if (melBank != null) {
      int n = melBank.numFilters();
      melStart = new int[n];
      melWeights = new float[n][];
      for (int r = 0; r < n; r++) {
        melStart[r] = melBank.bandStart(r);
        melWeights[r] = melBank.bandWeightsFloat(r);
      }
      mel = new float[n * LANES];
      melDb = new float[n * LANES];
    } else {
      melStart = null;
      melWeights = null;
      mel = null;
      melDb = null;
    }
  }

  @Override
  public int capacity() {
    return LANES;
  }

  @Override
  public int size() {
    return size;
  }

  /**
   * Copies the frame's blocks that the batch does not hold yet: all of them for the first frame, then from
   * {@link #firstNewBlock} (the frame before brought the others); it is windowed as the FFT reads it.
   */
  @Override
  public void add(float[] frame, int off) {
    if (size >= LANES) {
      throw new IllegalStateException("batch full (" + LANES + " frames)");
    }
    assert size == 0 || overlapIsHeld(frame, off) : "frame " + size + " is not the frame after the one before";
    for (int q = size == 0 ? 0 : firstNewBlock; q <= lastBlock; q++) {
      System.arraycopy(frame, off + q * hop, blockRows, (size + q) * blockPitch, blockLength(q));
    }
    size++;
  }

  /** Samples in block q of a frame: the hop, or what is left of the frame. */
  private int blockLength(int q) {
    return Math.min(blockLength, nFft - q * hop);
  }

  /** Whether the frame's blocks before {@link #firstNewBlock} equal those the batch holds (its contract). */
  private boolean overlapIsHeld(float[] frame, int off) {
    for (int q = 0; q < firstNewBlock; q++) {
      int at = (size + q) * blockPitch;
      int from = off + q * hop;
      if (!Arrays.equals(frame, from, from + blockLength(q), blockRows, at, at + blockLength(q))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #blocks} from {@link #blockRows}: the lanes' blocks by gathers (sample r of 8 or 16 blocks at once), the
   * last frame's later blocks one by one.
   */
  private void transposeBlocks() {
    int count = blockCount;
    blocksBase = CacheLineAlignment.firstAlignedIndex(blocks);
    for (int r = 0; r < blockLength; r++) {
      int at = blocksBase + r * blocksPitch;
      for (int v = 0; v < LANES; v += FL) {
        FloatVector.fromArray(F, blockRows, r, laneBlockOffsets, v).intoArray(blocks, at + v);
      }
      for (int block = LANES; block < count; block++) {
        blocks[at + block] = blockRows[block * blockPitch + r];
      }
    }
  }

  @Override
  public void compute(boolean withMagnitude, boolean withMel) {
    if (withMel && !melOfPower && !withMagnitude) {
      throw new IllegalArgumentException("this batch projects magnitude onto the mel bank: compute it with magnitude");
    }
    transposeBlocks();
    fft.transformWindowed(blocks, blocksBase, sampleAt, window);
    if (withMagnitude) {
      untangle(fft.buffer());
    } else {
      untanglePower(fft.buffer());
    }
    if (withMel) {
      if (mel == null) {
        throw new IllegalStateException("this batch was made without a mel bank");
      }
      projectMel(melOfPower ? pow : mag);
    }
  }

  /**
   * {@code X[k] = E[k] + W^k O[k]} and {@code X[m-k] = conj(E[k]) - conj(W^k O[k])} with
   * {@code E = (Z[k] + conj Z[m-k]) / 2}, {@code O = (Z[k] - conj Z[m-k]) / 2i}; each rounded to float32
   * (complex64, as librosa stores the STFT), then the float32 magnitude {@code sqrt(re^2 + im^2)} (within an ulp of
   * numpy's {@code hypotf}) and power {@code |X|^2}. Vectors never cross a method call here: a call that C2 does not
   * inline would box them.
   */
  private void untangle(double[] z) {
    final int l = LANES;
    for (int k = 0; k <= m / 2; k++) {
      int j = m - k;
      double twr = untangleRe[k];
      double twi = untangleIm[k];
      int zk = fft.outputIndex(k);
      int zj = fft.outputIndex(j % m);
      int im = BlockedLaneFft.IM;
      for (int v = 0; v < l; v += DL) {
        DoubleVector wr = DoubleVector.broadcast(D, twr);
        DoubleVector wi = DoubleVector.broadcast(D, twi);
        DoubleVector ar = DoubleVector.fromArray(D, z, zk + v);
        DoubleVector ai = DoubleVector.fromArray(D, z, zk + im + v);
        // k = 0 pairs Z[0] with itself (Z[m] is Z[0]): X[0] = re + im and X[m] = re - im, both real
        DoubleVector br = DoubleVector.fromArray(D, z, zj + v);
        DoubleVector bi = DoubleVector.fromArray(D, z, zj + im + v);
        DoubleVector er = ar.add(br).mul(0.5);
        DoubleVector ei = ai.sub(bi).mul(0.5);
        DoubleVector or = ai.add(bi).mul(0.5);
        DoubleVector oi = br.sub(ar).mul(0.5);
        DoubleVector tr = or.mul(wr).sub(oi.mul(wi));
        DoubleVector ti = or.mul(wi).add(oi.mul(wr));
        FloatVector xr = (FloatVector) er.add(tr).convertShape(VectorOperators.D2F, F_OF_D, 0);
        FloatVector xi = (FloatVector) ei.add(ti).convertShape(VectorOperators.D2F, F_OF_D, 0);
        FloatVector magnitude = xr.mul(xr).add(xi.mul(xi)).sqrt();
        magnitude.intoArray(mag, k * l + v);
        magnitude.mul(magnitude).intoArray(pow, k * l + v);
        if (j != k) {
          FloatVector yr = (FloatVector) er.sub(tr).convertShape(VectorOperators.D2F, F_OF_D, 0);
          FloatVector yi = (FloatVector) ti.sub(ei).convertShape(VectorOperators.D2F, F_OF_D, 0);
          FloatVector other = yr.mul(yr).add(yi.mul(yi)).sqrt();
          other.intoArray(mag, j * l + v);
          other.mul(other).intoArray(pow, j * l + v);
        }
      }
    }
  }

  /**
   * {@link #untangle} without magnitude: power {@code |X|^2} formed in float64 from the unrounded float64 spectrum and
   * rounded once to float32 (within an ulp of librosa's {@code float(|complex64(X)|)^2}, which rounds three times).
   * The halves of E and O are taken out of the sums and applied to the power as one exact factor 1/4.
   */
  private void untanglePower(double[] z) {
    final int l = LANES;
    for (int k = 0; k <= m / 2; k++) {
      int j = m - k;
      double twr = untangleRe[k];
      double twi = untangleIm[k];
      double twiNeg = -twi;
      int zk = fft.outputIndex(k);
      int zj = fft.outputIndex(j % m);
      int im = BlockedLaneFft.IM;
      for (int v = 0; v < l; v += DL) {
        DoubleVector wr = DoubleVector.broadcast(D, twr);
        DoubleVector wi = DoubleVector.broadcast(D, twi);
        DoubleVector wiNeg = DoubleVector.broadcast(D, twiNeg);
        DoubleVector ar = DoubleVector.fromArray(D, z, zk + v);
        DoubleVector ai = DoubleVector.fromArray(D, z, zk + im + v);
        DoubleVector br = DoubleVector.fromArray(D, z, zj + v);
        DoubleVector bi = DoubleVector.fromArray(D, z, zj + im + v);
        // 2E and 2O; 2 W^k O
        DoubleVector er = ar.add(br);
        DoubleVector ei = ai.sub(bi);
        DoubleVector or = ai.add(bi);
        DoubleVector oi = br.sub(ar);
        DoubleVector tr = or.fma(wr, oi.mul(wiNeg));
        DoubleVector ti = or.fma(wi, oi.mul(wr));
        DoubleVector xr = er.add(tr);
        DoubleVector xi = ei.add(ti);
        ((FloatVector) xr.fma(xr, xi.mul(xi)).mul(0.25).convertShape(VectorOperators.D2F, F_OF_D, 0))
            .intoArray(pow, k * l + v);
        if (j != k) {
          DoubleVector yr = er.sub(tr);
          DoubleVector yi = ti.sub(ei);
          ((FloatVector) yr.fma(yr, yi.mul(yi)).mul(0.25).convertShape(VectorOperators.D2F, F_OF_D, 0))
              .intoArray(pow, j * l + v);
        }
      }
    }
  }

  /**
   * Each band's sum of weighted bins, in bin order (as the scalar bank sums). Two bands at a time over their common
   * length: one band's sum is a chain of dependent FMAs, bound by their latency; two chains overlap.
   */
  private void projectMel(float[] in) {
    final int l = LANES;
    int bands = melWeights.length;
    int r = 0;
    for (; r + 1 < bands; r += 2) {
      float[] w0 = melWeights[r];
      float[] w1 = melWeights[r + 1];
      int base0 = melStart[r] * l;
      int base1 = melStart[r + 1] * l;
      int common = Math.min(w0.length, w1.length);
      for (int v = 0; v < l; v += FL) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int k = 0;
        for (int i0 = base0 + v, i1 = base1 + v; k < common; k++, i0 += l, i1 += l) {
          acc0 = FloatVector.fromArray(F, in, i0).fma(FloatVector.broadcast(F, w0[k]), acc0);
          acc1 = FloatVector.fromArray(F, in, i1).fma(FloatVector.broadcast(F, w1[k]), acc1);
        }
        for (int j = k, i = base0 + v + k * l; j < w0.length; j++, i += l) {
          acc0 = FloatVector.fromArray(F, in, i).fma(FloatVector.broadcast(F, w0[j]), acc0);
        }
        for (int j = k, i = base1 + v + k * l; j < w1.length; j++, i += l) {
          acc1 = FloatVector.fromArray(F, in, i).fma(FloatVector.broadcast(F, w1[j]), acc1);
        }
        // stored through -0.0 + acc, which is exactly acc: a loop's accumulator reaches its store without its exact
        // vector class, and C2 of JDK 17 then runs the store's slow, allocating fallback
        FloatVector.broadcast(F, -0.0f).add(acc0).intoArray(mel, r * l + v);
        FloatVector.broadcast(F, -0.0f).add(acc1).intoArray(mel, (r + 1) * l + v);
      }
    }
    for (; r < bands; r++) {
      float[] w = melWeights[r];
      int base = melStart[r] * l;
      for (int v = 0; v < l; v += FL) {
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0, i = base + v; k < w.length; k++, i += l) {
          acc = FloatVector.fromArray(F, in, i).fma(FloatVector.broadcast(F, w[k]), acc);
        }
        FloatVector.broadcast(F, -0.0f).add(acc).intoArray(mel, r * l + v);
      }
    }
  }

  @Override
  public void projectPower(float[] weightsT, int outRows, float[] out) {
    LaneProjection.project(pow, bins, weightsT, outRows, out);
  }

  /**
   * {@link FastLog#powerToDb} on eight values at a time, with the same float64 steps in the same order (so the same
   * bits as the scalar path): the integer reduction of the mantissa to [sqrt(1/2), sqrt(2)), then the series in
   * {@code (m - 1) / (m + 1)}. Not the Vector API's LOG10: that one is an SVML intrinsic in C2 code but a different
   * (Math.log10) computation in the interpreter and C1, so results would depend on the JIT's state. Values that are
   * not positive normal floats (NaN, infinity, or a subnormal amin) take the scalar code.
   */
  @Override
  public void computeMelDb(float amin, float refDb) {
    for (int i = 0; i < mel.length; i += DL) {
      FloatVector x = FloatVector.fromArray(F_OF_D, mel, i).max(amin);
      IntVector bits = (IntVector) x.reinterpretShape(I_OF_D, 0);
      IntVector exp = bits.lanewise(VectorOperators.LSHR, 23);
      if (exp.compare(VectorOperators.EQ, 0).or(exp.compare(VectorOperators.GE, 0xff)).anyTrue()) {
        for (int j = i; j < i + DL; j++) {
          melDb[j] = FastLog.powerToDb(mel[j], amin, refDb);
        }
        continue;
      }
      IntVector reduced = bits.add(FastLog.REDUCTION_OFFSET);
      DoubleVector e = (DoubleVector) reduced.lanewise(VectorOperators.LSHR, 23).sub(127)
          .convertShape(VectorOperators.I2D, D, 0);
      DoubleVector m = (DoubleVector) reduced.and(0x7fffff).add(FastLog.SQRT_HALF_BITS)
          .reinterpretShape(F_OF_D, 0).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector s = m.sub(1.0).div(m.add(1.0));
      DoubleVector s2 = s.mul(s);
      DoubleVector p = s2.fma(FastLog.C11, FastLog.C9);
      p = p.fma(s2, DoubleVector.broadcast(D, FastLog.C7));
      p = p.fma(s2, DoubleVector.broadcast(D, FastLog.C5));
      p = p.fma(s2, DoubleVector.broadcast(D, FastLog.C3));
      p = p.fma(s2, DoubleVector.broadcast(D, 1.0));
      DoubleVector log2 = e.add(s.mul(2.0).mul(p).mul(FastLog.INV_LN2));
      FloatVector db = (FloatVector) log2.mul(FastLog.LOG10_2).convertShape(VectorOperators.D2F, F_OF_D, 0);
      db.mul(10f).sub(refDb).intoArray(melDb, i);
    }
  }

  @Override
  public void melDb(int lane, float[] dst) {
    column(melDb, melWeights.length, lane, dst);
  }

  @Override
  public void melDbRows(float[] rows) {
    int nMels = melWeights.length;
    LaneTranspose.lanesToRows(melDb, LANES, nMels, size, rows, nMels);
  }

  @Override
  public void magnitudeRows(float[] rows) {
    LaneTranspose.lanesToRows(mag, LANES, bins, size, rows, bins);
  }

  @Override
  public void power(int lane, float[] dst) {
    column(pow, bins, lane, dst);
  }

  @Override
  public void mel(int lane, float[] dst) {
    column(mel, melWeights.length, lane, dst);
  }

  private static void column(float[] src, int rows, int lane, float[] dst) {
    for (int k = 0, i = lane; k < rows; k++, i += LANES) {
      dst[k] = src[i];
    }
  }

  @Override
  public void clear() {
    size = 0;
  }
}
