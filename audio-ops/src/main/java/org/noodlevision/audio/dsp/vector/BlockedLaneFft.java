package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward complex FFT of a power-of-two size {@code m} on {@link #LANES} independent sequences at once, stored
 * {@code [element][lane]} in split real/imaginary float64 arrays, as decimation in frequency: radix-4 stages, with one
 * radix-2 stage first when log2 m is odd. Every butterfly reads four elements (each a run of {@link #LANES}
 * contiguous values, one twiddle per run) and writes its outputs to the same positions of the other buffer, so every
 * stage after the first works on independent blocks. Once a block of both buffers fits in the L1 data cache, the
 * remaining stages run block by block instead of stage by stage: the first stages stream the whole batch through L2
 * (1024 points of 16 lanes are 256 KiB per buffer), the last ones stay in L1. The output is in digit-reversed order;
 * {@link #position(int)} says where each frequency is. Float64, as librosa's FFT; complex products use FMA (exactly
 * rounded in C2 code and in the Vector API's Java fallback alike, so results do not depend on the JIT's state).
 *
 * <p>Loop bodies stay small (outputs 0 and 2, then 1 and 3, in two loops), and twiddles enter the loops as scalars: in
 * larger bodies, or with vectors made before a loop, C2 of JDK 17 sometimes loses the exact vector class and runs the
 * Vector API's slow, allocating fallback (see docs/architecture.md).
 */
final class BlockedLaneFft {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int VL = SPECIES.length();
  /**
   * Sequences transformed at once: 16, or one float vector when vectors are wider. A constant, so that C2 unrolls
   * each butterfly's loop over the lanes completely (two iterations with 512-bit vectors).
   */
  static final int LANES = Math.max(16, FloatVector.SPECIES_PREFERRED.length());
  /** Bytes of both buffers' blocks that the blocked stages may keep in L1 (of 48 KiB on current x86 cores). */
  private static final int L1_BLOCK_BYTES = 32 * 1024;
  private final int m;
  private final double[] aRe;
  private final double[] aIm;
  private final double[] bRe;
  private final double[] bIm;
  /** Per stage, its span (the size of the sub-transforms it splits) and radix. */
  private final int[] spans;
  private final int[] radices;
  /** Per stage, for p < span / radix: w^p (radix 2) or w^p, w^2p, w^3p (radix 4), re and im interleaved. */
  private final double[][] twiddles;
  /** The first stage run block by block; {@code spans[firstBlocked]} elements make a block. */
  private final int firstBlocked;
  /** {@code positions[k]}: the element holding frequency k after {@link #transform()}. */
  private final int[] positions;
  private final boolean resultInA;

  BlockedLaneFft(int m) {
    if (m < 2 || Integer.bitCount(m) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 2, got " + m);
    }
    this.m = m;
    int lanes = LANES;
    aRe = new double[m * lanes];
    aIm = new double[m * lanes];
    bRe = new double[m * lanes];
    bIm = new double[m * lanes];
    int log2 = Integer.numberOfTrailingZeros(m);
    int stages = log2 / 2 + log2 % 2;
    spans = new int[stages];
    radices = new int[stages];
    twiddles = new double[stages][];
    int n = m;
    for (int st = 0; st < stages; st++) {
      int radix = st == 0 && log2 % 2 == 1 ? 2 : 4;
      spans[st] = n;
      radices[st] = radix;
      int q = n / radix;
      double[] w = new double[2 * (radix - 1) * q];
      for (int p = 0, i = 0; p < q; p++) {
        for (int j = 1; j < radix; j++) {
          double angle = -2.0 * Math.PI * j * p / n;
          w[i++] = Math.cos(angle);
          w[i++] = Math.sin(angle);
        }
      }
      twiddles[st] = w;
      n /= radix;
    }
    int blocked = stages;
    while (blocked > 0 && 4L * spans[blocked - 1] * lanes * Double.BYTES <= L1_BLOCK_BYTES) {
      blocked--;
    }
    firstBlocked = blocked;
    resultInA = stages % 2 == 0;
    positions = new int[m];
    for (int pos = 0; pos < m; pos++) {
      positions[frequencyAt(pos, m, 0)] = pos;
    }
  }

  /** The frequency that element {@code pos} of a block of size n holds after stages {@code st..}. */
  private int frequencyAt(int pos, int n, int st) {
    if (n == 1) {
      return 0;
    }
    int radix = radices[st];
    int sub = n / radix;
    return radix * frequencyAt(pos % sub, sub, st + 1) + pos / sub;
  }

  double[] inputRe() {
    return aRe;
  }

  double[] inputIm() {
    return aIm;
  }

  double[] outputRe() {
    return resultInA ? aRe : bRe;
  }

  double[] outputIm() {
    return resultInA ? aIm : bIm;
  }

  /** The element of {@link #outputRe()} / {@link #outputIm()} that holds frequency {@code k}. */
  int position(int k) {
    return positions[k];
  }

  /** Transforms the input arrays; the result is in {@link #outputRe()}, {@link #outputIm()}. */
  void transform() {
    for (int st = 0; st < firstBlocked; st++) {
      stage(st, 0, m);
    }
    if (firstBlocked == spans.length) {
      return;
    }
    int block = spans[firstBlocked];
    for (int from = 0; from < m; from += block) {
      for (int st = firstBlocked; st < spans.length; st++) {
        stage(st, from, from + block);
      }
    }
  }

  /**
   * Stage {@code st} on elements {@code [from, to)} (whole sub-transforms of its span): even stages read the input
   * buffer and write the other one, odd stages the other way round.
   */
  private void stage(int st, int from, int to) {
    boolean even = st % 2 == 0;
    double[] xr = even ? aRe : bRe;
    double[] xi = even ? aIm : bIm;
    double[] yr = even ? bRe : aRe;
    double[] yi = even ? bIm : aIm;
    int n = spans[st];
    double[] w = twiddles[st];
    int l = LANES;
    if (radices[st] == 2) {
      int half = n / 2;
      for (int base = from; base < to; base += n) {
        for (int p = 0; p < half; p++) {
          int a = (base + p) * l;
          radix2(xr, xi, yr, yi, a, a + half * l, w[2 * p], w[2 * p + 1]);
        }
      }
      return;
    }
    int quarter = n / 4;
    int gap = quarter * l;
    for (int base = from; base < to; base += n) {
      int a0 = base * l;
      butterflies(xr, xi, yr, yi, a0, a0 + gap, a0 + 2 * gap, a0 + 3 * gap);
      for (int p = 1; p < quarter; p++) {
        int a = (base + p) * l;
        evenOutputs(xr, xi, yr, yi, a, a + gap, a + 2 * gap, a + 3 * gap, w[6 * p + 2], w[6 * p + 3]);
        oddOutputs(xr, xi, yr, yi, a, a + gap, a + 2 * gap, a + 3 * gap, w[6 * p], w[6 * p + 1], w[6 * p + 4],
            w[6 * p + 5]);
      }
    }
  }

  /** y[a] = x[a] + x[b]; y[b] = (x[a] - x[b]) w. */
  private static void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, double twr,
      double twi) {
    for (int v = 0; v < LANES; v += VL) {
      DoubleVector wr = DoubleVector.broadcast(SPECIES, twr);
      DoubleVector wi = DoubleVector.broadcast(SPECIES, twi);
      DoubleVector wiNeg = DoubleVector.broadcast(SPECIES, -twi);
      DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, a + v);
      DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, a + v);
      DoubleVector br = DoubleVector.fromArray(SPECIES, xr, b + v);
      DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, b + v);
      ar.add(br).intoArray(yr, a + v);
      ai.add(bi).intoArray(yi, a + v);
      DoubleVector dr = ar.sub(br);
      DoubleVector di = ai.sub(bi);
      dr.fma(wr, di.mul(wiNeg)).intoArray(yr, b + v);
      dr.fma(wi, di.mul(wr)).intoArray(yi, b + v);
    }
  }

  /** Outputs 0 and 2 of a twiddled radix-4 butterfly: (a + c) + (b + d) at a, ((a + c) - (b + d)) w^2p at c. */
  private static void evenOutputs(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d,
      double t3, double t4) {
    for (int v = 0; v < LANES; v += VL) {
      DoubleVector w2r = DoubleVector.broadcast(SPECIES, t3);
      DoubleVector w2i = DoubleVector.broadcast(SPECIES, t4);
      DoubleVector w2iNeg = DoubleVector.broadcast(SPECIES, -t4);
      DoubleVector apcR = DoubleVector.fromArray(SPECIES, xr, a + v).add(DoubleVector.fromArray(SPECIES, xr, c + v));
      DoubleVector apcI = DoubleVector.fromArray(SPECIES, xi, a + v).add(DoubleVector.fromArray(SPECIES, xi, c + v));
      DoubleVector bpdR = DoubleVector.fromArray(SPECIES, xr, b + v).add(DoubleVector.fromArray(SPECIES, xr, d + v));
      DoubleVector bpdI = DoubleVector.fromArray(SPECIES, xi, b + v).add(DoubleVector.fromArray(SPECIES, xi, d + v));
      apcR.add(bpdR).intoArray(yr, a + v);
      apcI.add(bpdI).intoArray(yi, a + v);
      DoubleVector t2r = apcR.sub(bpdR);
      DoubleVector t2i = apcI.sub(bpdI);
      t2r.fma(w2r, t2i.mul(w2iNeg)).intoArray(yr, c + v);
      t2r.fma(w2i, t2i.mul(w2r)).intoArray(yi, c + v);
    }
  }

  /** Outputs 1 and 3 of a twiddled radix-4 butterfly: ((a - c) -+ i (b - d)) w^p at b and w^3p at d. */
  private static void oddOutputs(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d,
      double t1, double t2, double t5, double t6) {
    for (int v = 0; v < LANES; v += VL) {
      DoubleVector w1r = DoubleVector.broadcast(SPECIES, t1);
      DoubleVector w1i = DoubleVector.broadcast(SPECIES, t2);
      DoubleVector w3r = DoubleVector.broadcast(SPECIES, t5);
      DoubleVector w3i = DoubleVector.broadcast(SPECIES, t6);
      DoubleVector w1iNeg = DoubleVector.broadcast(SPECIES, -t2);
      DoubleVector w3iNeg = DoubleVector.broadcast(SPECIES, -t6);
      DoubleVector amcR = DoubleVector.fromArray(SPECIES, xr, a + v).sub(DoubleVector.fromArray(SPECIES, xr, c + v));
      DoubleVector amcI = DoubleVector.fromArray(SPECIES, xi, a + v).sub(DoubleVector.fromArray(SPECIES, xi, c + v));
      DoubleVector bmdR = DoubleVector.fromArray(SPECIES, xr, b + v).sub(DoubleVector.fromArray(SPECIES, xr, d + v));
      DoubleVector bmdI = DoubleVector.fromArray(SPECIES, xi, b + v).sub(DoubleVector.fromArray(SPECIES, xi, d + v));
      DoubleVector t1r = amcR.add(bmdI);
      DoubleVector t1i = amcI.sub(bmdR);
      DoubleVector t3r = amcR.sub(bmdI);
      DoubleVector t3i = amcI.add(bmdR);
      t1r.fma(w1r, t1i.mul(w1iNeg)).intoArray(yr, b + v);
      t1r.fma(w1i, t1i.mul(w1r)).intoArray(yi, b + v);
      t3r.fma(w3r, t3i.mul(w3iNeg)).intoArray(yr, d + v);
      t3r.fma(w3i, t3i.mul(w3r)).intoArray(yi, d + v);
    }
  }

  /** The butterflies of p = 0, where all twiddles are 1. */
  private static void butterflies(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d) {
    for (int v = 0; v < LANES; v += VL) {
      DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, a + v);
      DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, a + v);
      DoubleVector br = DoubleVector.fromArray(SPECIES, xr, b + v);
      DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, b + v);
      DoubleVector cr = DoubleVector.fromArray(SPECIES, xr, c + v);
      DoubleVector ci = DoubleVector.fromArray(SPECIES, xi, c + v);
      DoubleVector dr = DoubleVector.fromArray(SPECIES, xr, d + v);
      DoubleVector di = DoubleVector.fromArray(SPECIES, xi, d + v);
      DoubleVector apcR = ar.add(cr);
      DoubleVector apcI = ai.add(ci);
      DoubleVector amcR = ar.sub(cr);
      DoubleVector amcI = ai.sub(ci);
      DoubleVector bpdR = br.add(dr);
      DoubleVector bpdI = bi.add(di);
      DoubleVector bmdR = br.sub(dr);
      DoubleVector bmdI = bi.sub(di);
      apcR.add(bpdR).intoArray(yr, a + v);
      apcI.add(bpdI).intoArray(yi, a + v);
      amcR.add(bmdI).intoArray(yr, b + v);
      amcI.sub(bmdR).intoArray(yi, b + v);
      apcR.sub(bpdR).intoArray(yr, c + v);
      apcI.sub(bpdI).intoArray(yi, c + v);
      amcR.sub(bmdI).intoArray(yr, d + v);
      amcI.add(bmdR).intoArray(yi, d + v);
    }
  }
}
