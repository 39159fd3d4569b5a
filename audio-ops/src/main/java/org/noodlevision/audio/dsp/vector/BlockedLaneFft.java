package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward complex FFT of a power-of-two size {@code m} on {@link #LANES} independent sequences at once, as
 * decimation in frequency: radix-4 stages, with one radix-2 stage first when log2 m is odd. All buffers lie in one
 * float64 array, {@link #buffer()}, element by element: element e of a buffer is {@link #ELEMENT} doubles, the real
 * parts of all lanes then ({@link #IM} further on) the imaginary parts. Every butterfly reads four elements (one
 * twiddle each) and writes its outputs to the same positions of the other buffer, so every stage after the first works
 * on independent blocks. Once a block of both buffers fits in the L1 data cache, the remaining stages run block by
 * block instead of stage by stage: the first stages stream the whole batch through L2 (1024 points of 16 lanes are
 * 256 KiB per buffer), the last ones stay in L1. Before each transform the buffers are placed at the array's first
 * 64-byte boundary ({@link CacheLineAlignment}), so that no vector load or store straddles two cache lines. The output
 * is in digit-reversed order; {@link #position(int)} says where each frequency is. Float64, as librosa's FFT; complex
 * products use FMA (exactly rounded in C2 code and in the Vector API's Java fallback alike, so results do not depend on
 * the JIT's state).
 *
 * <p>Twiddles enter the loops as scalars and loop bodies stay at one radix-4 butterfly: with vectors made before a
 * loop, or larger bodies, C2 of JDK 17 sometimes loses the exact vector class and runs the Vector API's slow,
 * allocating fallback (see docs/architecture.md).
 */
final class BlockedLaneFft {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int VL = SPECIES.length();
  /** Floats of the same lane count as {@link #SPECIES}, for the float32 samples widened to float64. */
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(SPECIES.vectorBitSize() / 2));
  /**
   * Sequences transformed at once: 16, or one float vector when vectors are wider. A constant, so that C2 unrolls
   * each butterfly's loop over the lanes completely (two iterations with 512-bit vectors).
   */
  static final int LANES = Math.max(16, FloatVector.SPECIES_PREFERRED.length());
  /** Doubles per element of a buffer: the lanes' real parts, then their imaginary parts. */
  static final int ELEMENT = 2 * LANES;
  /** Where an element's imaginary parts start, from its real parts. */
  static final int IM = LANES;
  /** Bytes of both buffers' blocks that the blocked stages may keep in L1 (of 48 KiB on current x86 cores). */
  private static final int L1_BLOCK_BYTES = 32 * 1024;
  /**
   * Doubles between buffers. Unpadded, the buffers are 4 KiB multiples one after the other: element i of each sat at
   * nearly the same address modulo 4 KiB, so a butterfly's loads kept waiting on the previous butterfly's stores to the
   * other buffer (4K aliasing). 512 bytes apart, the transform took 2.2-2.3 instead of 2.8-2.9 us per 1024-point frame.
   */
  private static final int PAD = 64;
  /** Doubles of slack at the array's start, to move the buffers to a 64-byte boundary. */
  private static final int ALIGN_SLACK = CacheLineAlignment.LINE_BYTES / Double.BYTES;
  private final int m;
  /** All buffers: A and B (m elements each), the fused pass's group and the first pass's input group (16 each). */
  private final double[] buffer;
  /** Where buffers B, group and input group start, from buffer A. */
  private final int bAt;
  private final int groupAt;
  private final int inputGroupAt;
  /** Where buffer A starts in {@link #buffer} for the current transform: its first 64-byte boundary. */
  private int base;
  /** Per stage, its span (the size of the sub-transforms it splits) and radix. */
  private final int[] spans;
  private final int[] radices;
  /** Per stage, for p < span / radix: w^p (radix 2) or w^p, w^2p, w^3p (radix 4), re and im interleaved. */
  private final double[][] twiddles;
  /** The first stage run block by block; {@code spans[firstBlocked]} elements make a block. */
  private final int firstBlocked;
  /**
   * Per streamed stage (before {@link #firstBlocked}): whether it runs fused with the next one (both radix 4), as
   * one pass of radix-16 groups through the group buffer (16 elements of all lanes, 4 KiB with 16 lanes, stays in L1).
   */
  private final boolean[] fusedWithNext;
  /** {@code positions[k]}: the element holding frequency k after {@link #transform()}. */
  private final int[] positions;
  private final boolean resultInA;

  BlockedLaneFft(int m) {
    if (m < 2 || Integer.bitCount(m) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 2, got " + m);
    }
    this.m = m;
    bAt = m * ELEMENT + PAD;
    groupAt = 2 * bAt;
    inputGroupAt = groupAt + 16 * ELEMENT + PAD;
    buffer = new double[ALIGN_SLACK + inputGroupAt + 16 * ELEMENT];
    int lanes = LANES;
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
    fusedWithNext = new boolean[stages];
    for (int st = 0; st + 1 < firstBlocked; st++) {
      if (radices[st] == 4 && radices[st + 1] == 4) {
        fusedWithNext[st] = true;
        st++;
      }
    }
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

  /** The array of all buffers: see {@link #ELEMENT}, {@link #IM}, {@link #inputIndex} and {@link #outputIndex}. */
  double[] buffer() {
    return buffer;
  }

  /**
   * Moves the buffers to the array's first 64-byte boundary now (a GC may have moved the array). Call before writing
   * the input for {@link #transform()}; {@link #transformWindowed} does it itself.
   */
  void realign() {
    base = CacheLineAlignment.firstAlignedIndex(buffer);
  }

  /** Where input element t (all lanes' real parts, then imaginary parts) starts in {@link #buffer()}. */
  int inputIndex(int t) {
    return base + t * ELEMENT;
  }

  /** Where the element holding frequency {@code k} starts in {@link #buffer()} after the transform. */
  int outputIndex(int k) {
    return base + (resultInA ? 0 : bAt) + positions[k] * ELEMENT;
  }

  /** The element of the output buffer that holds frequency {@code k}. */
  int position(int k) {
    return positions[k];
  }

  /** Transforms the input written at {@link #inputIndex}; the result is at {@link #outputIndex}. */
  void transform() {
    transformFrom(0);
  }

  /**
   * Transforms windowed, packed real frames: lane l's element t is {@code x[2t] w[2t] + i x[2t+1] w[2t+1]} (float32
   * samples widened to float64, times the float64 window), where sample n of all the lanes is the run
   * {@code samples[from + sampleAt[n] .. + LANES)}. When the first two stages are fused, their pass takes each
   * group's 16 elements straight from the samples into an L1 buffer: the batch is never written whole before the
   * first pass.
   * The result, at {@link #outputIndex}, is the same as writing the input and calling {@link #transform()}.
   */
  void transformWindowed(float[] samples, int from, int[] sampleAt, double[] window) {
    realign();
    double[] x = buffer;
    if (fusedWithNext[0]) {
      int n16 = m / 16;
      int inputGroup = base + inputGroupAt;
      for (int p = 0; p < n16; p++) {
        for (int k = 0; k < 16; k++) {
          loadWindowed(samples, from, sampleAt, window, p + k * n16, x, inputGroup + k * ELEMENT);
        }
        // the group's element k is at slot k of the input group: element p + k n/16 of the buffer in fusedPair(0)
        fusedGroup(0, 0, p, inputGroup, ELEMENT);
      }
      transformFrom(2);
    } else {
      for (int t = 0; t < m; t++) {
        loadWindowed(samples, from, sampleAt, window, t, x, base + t * ELEMENT);
      }
      transformFrom(0);
    }
  }

  /** Element t of every lane, windowed, into the element at {@code x[at ..]}. */
  private static void loadWindowed(float[] samples, int from, int[] sampleAt, double[] window, int t, double[] x,
      int at) {
    double wr = window[2 * t];
    double wi = window[2 * t + 1];
    int reAt = from + sampleAt[2 * t];
    int imAt = from + sampleAt[2 * t + 1];
    for (int v = 0; v < LANES; v += VL) {
      ((DoubleVector) FloatVector.fromArray(FLOATS, samples, reAt + v)
          .convertShape(VectorOperators.F2D, SPECIES, 0)).mul(wr).intoArray(x, at + v);
      ((DoubleVector) FloatVector.fromArray(FLOATS, samples, imAt + v)
          .convertShape(VectorOperators.F2D, SPECIES, 0)).mul(wi).intoArray(x, at + IM + v);
    }
  }

  /** Stages {@code first..} on the buffers (stage {@code first} reads the buffer its parity says). */
  private void transformFrom(int first) {
    for (int st = first; st < firstBlocked; st++) {
      if (fusedWithNext[st]) {
        fusedPair(st);
        st++;
      } else {
        stage(st, 0, m);
      }
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

  /** Where the buffer that stage {@code st} reads starts: A for even stages, B for odd ones. */
  private int readBuffer(int st) {
    return base + (st % 2 == 0 ? 0 : bAt);
  }

  /**
   * Stage {@code st} on elements {@code [from, to)} (whole sub-transforms of its span): even stages read buffer A and
   * write B, odd stages the other way round.
   */
  private void stage(int st, int from, int to) {
    int in = readBuffer(st);
    int out = readBuffer(st + 1);
    int n = spans[st];
    if (radices[st] == 2) {
      radix2(buffer, in, out, from, to, n, twiddles[st]);
    } else {
      radix4(buffer, in, out, from, to, n, twiddles[st]);
    }
  }

  /**
   * Radix-2 butterflies of span n on elements [from, to) of the buffer at {@code in}, into the buffer at {@code out}:
   * y[a] = x[a] + x[b]; y[b] = (x[a] - x[b]) w^p.
   */
  private static void radix2(double[] x, int in, int out, int from, int to, int n, double[] w) {
    int gap = n / 2 * ELEMENT;
    int shift = out - in;
    for (int first = from; first < to; first += n) {
      for (int p = 0; p < n / 2; p++) {
        double twr = w[2 * p];
        double twi = w[2 * p + 1];
        for (int v = 0, a = in + (first + p) * ELEMENT, b = a + gap; v < LANES; v += VL, a += VL, b += VL) {
          DoubleVector wr = DoubleVector.broadcast(SPECIES, twr);
          DoubleVector wi = DoubleVector.broadcast(SPECIES, twi);
          DoubleVector wiNeg = DoubleVector.broadcast(SPECIES, -twi);
          DoubleVector ar = DoubleVector.fromArray(SPECIES, x, a);
          DoubleVector ai = DoubleVector.fromArray(SPECIES, x, a + IM);
          DoubleVector br = DoubleVector.fromArray(SPECIES, x, b);
          DoubleVector bi = DoubleVector.fromArray(SPECIES, x, b + IM);
          ar.add(br).intoArray(x, a + shift);
          ai.add(bi).intoArray(x, a + shift + IM);
          DoubleVector dr = ar.sub(br);
          DoubleVector di = ai.sub(bi);
          dr.fma(wr, di.mul(wiNeg)).intoArray(x, b + shift);
          dr.fma(wi, di.mul(wr)).intoArray(x, b + shift + IM);
        }
      }
    }
  }

  /**
   * Stages {@code st} and {@code st + 1} (radix 4, spans n and n/4) in one pass over the buffer instead of two: the
   * 16 elements {@code p + k n/16} (k < 16) of a sub-transform of span n are closed under both stages, so each such
   * group is read once, goes through stage st's four butterflies into the L1-resident group buffer and through stage
   * st + 1's four butterflies back to the same 16 places. The result is where the two stages would have left it (in
   * place, which is the buffer stage st read). Streamed stages are bound by L2 traffic, which this halves.
   */
  private void fusedPair(int st) {
    int n = spans[st];
    int n16 = n / 16;
    int in = readBuffer(st);
    for (int first = 0; first < m; first += n) {
      for (int p = 0; p < n16; p++) {
        fusedGroup(st, first, p, in + (first + p) * ELEMENT, n16 * ELEMENT);
      }
    }
  }

  /**
   * One radix-16 group of {@link #fusedPair}: the group {@code p} of the sub-transform at element {@code first}, its
   * element k (k < 16) read from {@code buffer[in + k inStep ..]}, through stages st and st + 1 to its 16 places in the
   * buffer stage st reads.
   */
  private void fusedGroup(int st, int first, int p, int in, int inStep) {
    int n16 = spans[st] / 16;
    int group = base + groupAt;
    int e = ELEMENT;
    // stage st: butterfly p + i n/16 reads k = i + 4j (j = its inputs) and writes group slot i + 4j
    butterflies(buffer, 4, in, inStep, 4 * inStep, group, e, 4 * e, twiddles[st], p, n16);
    // stage st + 1, sub-transform j: butterfly p reads group slots 4j + i and writes element p + j n/4 + i n/16
    butterflies(buffer, 4, group, 4 * e, e, readBuffer(st) + (first + p) * e, 4 * n16 * e, n16 * e,
        twiddles[st + 1], p, 0);
  }

  /**
   * Radix-4 butterflies of span n on elements [from, to) of the buffer at {@code in}, into the buffer at {@code out}:
   * per sub-transform, p = 0 without twiddles, then the others.
   */
  private static void radix4(double[] x, int in, int out, int from, int to, int n, double[] w) {
    int quarter = n / 4;
    int gap = quarter * ELEMENT;
    untwiddled(x, in, out, from, to, n);
    if (quarter == 1) {
      return; // span 4: p = 0 is the only butterfly
    }
    for (int first = from; first < to; first += n) {
      int a = (first + 1) * ELEMENT;
      butterflies(x, quarter - 1, in + a, ELEMENT, gap, out + a, ELEMENT, gap, w, 1, 1);
    }
  }

  /**
   * {@code count} twiddled radix-4 butterflies in {@code x}: butterfly t reads the elements at
   * {@code in + t inStep + j inGap} and writes those at {@code out + t outStep + j outGap} (j < 4; the two ranges
   * distinct), with twiddles {@code w^p, w^2p, w^3p} of {@code p = p0 + t pStep}: outputs {@code (a + c) + (b + d)},
   * {@code ((a - c) - i (b - d)) w^p}, {@code ((a + c) - (b + d)) w^2p} and {@code ((a - c) + i (b - d)) w^3p}.
   * Twiddles enter the loop as scalars. With the buffers as separate arrays, this body (all four outputs in one loop)
   * made C2 of JDK 17 lose a vector's exact class in about one fresh JVM of eight, which then ran the Vector API's
   * allocating fallback, so the outputs were split over two loops that each read all four inputs; over one array the
   * single body ran 20 fresh JVMs without it (allocation per run exactly the outputs'), 6-8% faster for MFCC.
   * {@code SteadyStateAllocationTest} keeps checking fresh JVMs.
   */
  private static void butterflies(double[] x, int count, int in, int inStep, int inGap, int out, int outStep,
      int outGap, double[] w, int p0, int pStep) {
    for (int t = 0; t < count; t++) {
      int p = p0 + t * pStep;
      double w1r = w[6 * p];
      double w1i = w[6 * p + 1];
      double w2r = w[6 * p + 2];
      double w2i = w[6 * p + 3];
      double w3r = w[6 * p + 4];
      double w3i = w[6 * p + 5];
      int a0 = in + t * inStep;
      int o0 = out + t * outStep;
      for (int v = 0, a = a0, c = a0 + 2 * inGap, oa = o0; v < LANES; v += VL, a += VL, c += VL, oa += VL) {
        DoubleVector ar = DoubleVector.fromArray(SPECIES, x, a);
        DoubleVector ai = DoubleVector.fromArray(SPECIES, x, a + IM);
        DoubleVector cr = DoubleVector.fromArray(SPECIES, x, c);
        DoubleVector ci = DoubleVector.fromArray(SPECIES, x, c + IM);
        DoubleVector br = DoubleVector.fromArray(SPECIES, x, a + inGap);
        DoubleVector bi = DoubleVector.fromArray(SPECIES, x, a + inGap + IM);
        DoubleVector dr = DoubleVector.fromArray(SPECIES, x, c + inGap);
        DoubleVector di = DoubleVector.fromArray(SPECIES, x, c + inGap + IM);
        DoubleVector apcR = ar.add(cr);
        DoubleVector apcI = ai.add(ci);
        DoubleVector bpdR = br.add(dr);
        DoubleVector bpdI = bi.add(di);
        DoubleVector amcR = ar.sub(cr);
        DoubleVector amcI = ai.sub(ci);
        DoubleVector bmdR = br.sub(dr);
        DoubleVector bmdI = bi.sub(di);
        apcR.add(bpdR).intoArray(x, oa);
        apcI.add(bpdI).intoArray(x, oa + IM);
        DoubleVector t2r = apcR.sub(bpdR);
        DoubleVector t2i = apcI.sub(bpdI);
        t2r.fma(DoubleVector.broadcast(SPECIES, w2r), t2i.mul(DoubleVector.broadcast(SPECIES, -w2i)))
            .intoArray(x, oa + 2 * outGap);
        t2r.fma(DoubleVector.broadcast(SPECIES, w2i), t2i.mul(DoubleVector.broadcast(SPECIES, w2r)))
            .intoArray(x, oa + 2 * outGap + IM);
        DoubleVector t1r = amcR.add(bmdI);
        DoubleVector t1i = amcI.sub(bmdR);
        DoubleVector t3r = amcR.sub(bmdI);
        DoubleVector t3i = amcI.add(bmdR);
        t1r.fma(DoubleVector.broadcast(SPECIES, w1r), t1i.mul(DoubleVector.broadcast(SPECIES, -w1i)))
            .intoArray(x, oa + outGap);
        t1r.fma(DoubleVector.broadcast(SPECIES, w1i), t1i.mul(DoubleVector.broadcast(SPECIES, w1r)))
            .intoArray(x, oa + outGap + IM);
        t3r.fma(DoubleVector.broadcast(SPECIES, w3r), t3i.mul(DoubleVector.broadcast(SPECIES, -w3i)))
            .intoArray(x, oa + 3 * outGap);
        t3r.fma(DoubleVector.broadcast(SPECIES, w3i), t3i.mul(DoubleVector.broadcast(SPECIES, w3r)))
            .intoArray(x, oa + 3 * outGap + IM);
      }
    }
  }

  /**
   * The radix-4 butterflies of p = 0 (all twiddles 1) of each sub-transform of span n in elements [from, to) of the
   * buffer at {@code in}, into the buffer at {@code out}.
   */
  private static void untwiddled(double[] x, int in, int out, int from, int to, int n) {
    int gap = n / 4 * ELEMENT;
    int shift = out - in;
    for (int first = from; first < to; first += n) {
      for (int v = 0, a = in + first * ELEMENT, b = a + gap, c = b + gap, d = c + gap; v < LANES;
          v += VL, a += VL, b += VL, c += VL, d += VL) {
        DoubleVector ar = DoubleVector.fromArray(SPECIES, x, a);
        DoubleVector ai = DoubleVector.fromArray(SPECIES, x, a + IM);
        DoubleVector br = DoubleVector.fromArray(SPECIES, x, b);
        DoubleVector bi = DoubleVector.fromArray(SPECIES, x, b + IM);
        DoubleVector cr = DoubleVector.fromArray(SPECIES, x, c);
        DoubleVector ci = DoubleVector.fromArray(SPECIES, x, c + IM);
        DoubleVector dr = DoubleVector.fromArray(SPECIES, x, d);
        DoubleVector di = DoubleVector.fromArray(SPECIES, x, d + IM);
        DoubleVector apcR = ar.add(cr);
        DoubleVector apcI = ai.add(ci);
        DoubleVector amcR = ar.sub(cr);
        DoubleVector amcI = ai.sub(ci);
        DoubleVector bpdR = br.add(dr);
        DoubleVector bpdI = bi.add(di);
        DoubleVector bmdR = br.sub(dr);
        DoubleVector bmdI = bi.sub(di);
        apcR.add(bpdR).intoArray(x, a + shift);
        apcI.add(bpdI).intoArray(x, a + shift + IM);
        amcR.add(bmdI).intoArray(x, b + shift);
        amcI.sub(bmdR).intoArray(x, b + shift + IM);
        apcR.sub(bpdR).intoArray(x, c + shift);
        apcI.sub(bpdI).intoArray(x, c + shift + IM);
        amcR.sub(bmdI).intoArray(x, d + shift);
        amcI.add(bmdR).intoArray(x, d + shift + IM);
      }
    }
  }
}
