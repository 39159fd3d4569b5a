package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward complex FFT of a power-of-two size {@code m} on {@code lanes} independent sequences at once, stored
 * {@code [element][lane]} in split real/imaginary float64 arrays: Stockham auto-sort (no bit reversal), radix-4
 * stages with one radix-2 stage first when log2 m is odd. In a stage of span {@code n} and stride {@code s} every
 * butterfly reads and writes runs of {@code s * lanes} contiguous values with one twiddle per run, so the inner loop
 * is plain vector arithmetic. Float64, as librosa's FFT.
 *
 * <p>Radix 4, not 8: a radix-8 stage (four passes instead of five for 1024 points) was faster in a warm benchmark,
 * but its loop body is large enough that C2 sometimes stopped inlining the Vector API calls at its end (the stores),
 * which then ran their scalar fallback, allocating, several times slower (seen in Spark runs, not in JMH). Keep these
 * loop bodies small.
 */
final class StockhamLanes {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int VL = SPECIES.length();
  private final int m;
  private final int lanes;
  private final double[] aRe;
  private final double[] aIm;
  private final double[] bRe;
  private final double[] bIm;
  /** Per stage: its span n, or n / 2 for the radix-2 stage (then {@link #radix2} is set). */
  private final int[] spans;
  private final boolean radix2;
  /** Per radix-4 stage, per p: w^p, w^2p, w^3p (re, im interleaved: 6 values per p). */
  private final double[][] twiddles;
  /** The radix-2 stage's twiddles exp(-2 pi i p / m), re and im interleaved, or null. */
  private final double[] radix2Twiddles;
  private boolean resultInA;

  StockhamLanes(int m, int lanes) {
    if (m < 2 || Integer.bitCount(m) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 2, got " + m);
    }
    if (lanes % VL != 0) {
      throw new IllegalArgumentException("lanes " + lanes + " is not a multiple of the vector length");
    }
    this.m = m;
    this.lanes = lanes;
    aRe = new double[m * lanes];
    aIm = new double[m * lanes];
    bRe = new double[m * lanes];
    bIm = new double[m * lanes];
    int log2 = Integer.numberOfTrailingZeros(m);
    radix2 = log2 % 2 == 1;
    radix2Twiddles = radix2 ? new double[m] : null;
    for (int p = 0; radix2 && p < m / 2; p++) {
      double a = -2.0 * Math.PI * p / m;
      radix2Twiddles[2 * p] = Math.cos(a);
      radix2Twiddles[2 * p + 1] = Math.sin(a);
    }
    int stages4 = log2 / 2;
    spans = new int[stages4];
    twiddles = new double[stages4][];
    int n = radix2 ? m / 2 : m;
    for (int st = 0; st < stages4; st++, n /= 4) {
      spans[st] = n;
      int q = n / 4;
      double[] w = new double[6 * q];
      for (int p = 0; p < q; p++) {
        for (int j = 1; j <= 3; j++) {
          double a = -2.0 * Math.PI * j * p / n;
          w[6 * p + 2 * (j - 1)] = Math.cos(a);
          w[6 * p + 2 * (j - 1) + 1] = Math.sin(a);
        }
      }
      twiddles[st] = w;
    }
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

  /** Transforms the input arrays; the result is in {@link #outputRe()}, {@link #outputIm()}. */
  void transform() {
    double[] xr = aRe;
    double[] xi = aIm;
    double[] yr = bRe;
    double[] yi = bIm;
    int s = 1;
    if (radix2) {
      radix2Stage(m, xr, xi, yr, yi);
      s = 2;
      double[] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
    }
    for (int st = 0; st < spans.length; st++, s *= 4) {
      radix4Stage(spans[st], s, twiddles[st], xr, xi, yr, yi);
      double[] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
    }
    resultInA = xr == aRe;
  }

  /** The first stage when log2 m is odd: span n = m, stride 1, twiddle exp(-2 pi i p / m). */
  private void radix2Stage(int n, double[] xr, double[] xi, double[] yr, double[] yi) {
    int half = n / 2;
    int l = lanes;
    for (int p = 0; p < half; p++) {
      double twr = radix2Twiddles[2 * p];
      double twi = radix2Twiddles[2 * p + 1];
      int a = p * l;
      int b = (p + half) * l;
      int y0 = 2 * p * l;
      int y1 = y0 + l;
      for (int v = 0; v < l; v += VL) {
        DoubleVector wr = DoubleVector.broadcast(SPECIES, twr);
        DoubleVector wi = DoubleVector.broadcast(SPECIES, twi);
        DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, a + v);
        DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, a + v);
        DoubleVector br = DoubleVector.fromArray(SPECIES, xr, b + v);
        DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, b + v);
        ar.add(br).intoArray(yr, y0 + v);
        ai.add(bi).intoArray(yi, y0 + v);
        DoubleVector dr = ar.sub(br);
        DoubleVector di = ai.sub(bi);
        dr.mul(wr).sub(di.mul(wi)).intoArray(yr, y1 + v);
        dr.mul(wi).add(di.mul(wr)).intoArray(yi, y1 + v);
      }
    }
  }

  /**
   * One radix-4 stage of span n and stride s: for p < n/4 and each run q < s of lanes,
   * {@code y[q + s(4p + j)] = w^(jp) sum_k x[q + s(p + k n/4)] (-i)^(jk)}.
   */
  private void radix4Stage(int n, int s, double[] w, double[] xr, double[] xi, double[] yr, double[] yi) {
    int quarter = n / 4;
    int run = s * lanes;
    for (int p = 0; p < quarter; p++) {
      int a = s * p * lanes;
      int b = a + quarter * run;
      int c = b + quarter * run;
      int d = c + quarter * run;
      int y0 = 4 * p * run;
      if (p == 0) {
        butterflies(xr, xi, yr, yi, a, b, c, d, y0, run);
      } else {
        twiddledButterflies(xr, xi, yr, yi, a, b, c, d, y0, run, w, p);
      }
    }
  }

  /**
   * The butterflies of {@code p > 0}, outputs 1 to 3 times {@code w^(jp)}, in two passes over the inputs: outputs 0
   * and 2, then 1 and 3. One pass computing all four was faster in a warm benchmark, but C2 of JDK 17 lost the exact
   * vector class towards the end of its loop body (its last one or two stores ran the Vector API's slow, allocating
   * fallback in every compilation, ~4% of all the engine's time): keep each loop body small.
   */
  private void twiddledButterflies(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d,
      int y0, int run, double[] w, int p) {
    evenOutputs(xr, xi, yr, yi, a, b, c, d, y0, run, w[6 * p + 2], w[6 * p + 3]);
    oddOutputs(xr, xi, yr, yi, a, b, c, d, y0, run, w[6 * p], w[6 * p + 1], w[6 * p + 4], w[6 * p + 5]);
  }

  /** Outputs 0 and 2 of the butterflies: (a + c) + (b + d), ((a + c) - (b + d)) w^2p. */
  private static void evenOutputs(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d,
      int y0, int run, double t3, double t4) {
    // twiddles enter the loop as scalars: a vector made before a loop reaches an on-stack-replacement compile of it
    // without its exact class, and C2's Vector API intrinsics then fall back to slow scalar code
    for (int v = 0; v < run; v += VL) {
      DoubleVector w2r = DoubleVector.broadcast(SPECIES, t3);
      DoubleVector w2i = DoubleVector.broadcast(SPECIES, t4);
      DoubleVector apcR = DoubleVector.fromArray(SPECIES, xr, a + v).add(DoubleVector.fromArray(SPECIES, xr, c + v));
      DoubleVector apcI = DoubleVector.fromArray(SPECIES, xi, a + v).add(DoubleVector.fromArray(SPECIES, xi, c + v));
      DoubleVector bpdR = DoubleVector.fromArray(SPECIES, xr, b + v).add(DoubleVector.fromArray(SPECIES, xr, d + v));
      DoubleVector bpdI = DoubleVector.fromArray(SPECIES, xi, b + v).add(DoubleVector.fromArray(SPECIES, xi, d + v));
      apcR.add(bpdR).intoArray(yr, y0 + v);
      apcI.add(bpdI).intoArray(yi, y0 + v);
      DoubleVector t2r = apcR.sub(bpdR);
      DoubleVector t2i = apcI.sub(bpdI);
      t2r.mul(w2r).sub(t2i.mul(w2i)).intoArray(yr, y0 + 2 * run + v);
      t2r.mul(w2i).add(t2i.mul(w2r)).intoArray(yi, y0 + 2 * run + v);
    }
  }

  /** Outputs 1 and 3 of the butterflies: ((a - c) -+ i (b - d)) w^p and w^3p. */
  private static void oddOutputs(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d,
      int y0, int run, double t1, double t2, double t5, double t6) {
    for (int v = 0; v < run; v += VL) {
      DoubleVector w1r = DoubleVector.broadcast(SPECIES, t1);
      DoubleVector w1i = DoubleVector.broadcast(SPECIES, t2);
      DoubleVector w3r = DoubleVector.broadcast(SPECIES, t5);
      DoubleVector w3i = DoubleVector.broadcast(SPECIES, t6);
      DoubleVector amcR = DoubleVector.fromArray(SPECIES, xr, a + v).sub(DoubleVector.fromArray(SPECIES, xr, c + v));
      DoubleVector amcI = DoubleVector.fromArray(SPECIES, xi, a + v).sub(DoubleVector.fromArray(SPECIES, xi, c + v));
      DoubleVector bmdR = DoubleVector.fromArray(SPECIES, xr, b + v).sub(DoubleVector.fromArray(SPECIES, xr, d + v));
      DoubleVector bmdI = DoubleVector.fromArray(SPECIES, xi, b + v).sub(DoubleVector.fromArray(SPECIES, xi, d + v));
      DoubleVector t1r = amcR.add(bmdI);
      DoubleVector t1i = amcI.sub(bmdR);
      DoubleVector t3r = amcR.sub(bmdI);
      DoubleVector t3i = amcI.add(bmdR);
      t1r.mul(w1r).sub(t1i.mul(w1i)).intoArray(yr, y0 + run + v);
      t1r.mul(w1i).add(t1i.mul(w1r)).intoArray(yi, y0 + run + v);
      t3r.mul(w3r).sub(t3i.mul(w3i)).intoArray(yr, y0 + 3 * run + v);
      t3r.mul(w3i).add(t3i.mul(w3r)).intoArray(yi, y0 + 3 * run + v);
    }
  }

  /** The butterflies of p = 0, where all twiddles are 1. */
  private void butterflies(double[] xr, double[] xi, double[] yr, double[] yi, int a, int b, int c, int d, int y0,
      int run) {
    for (int v = 0; v < run; v += VL) {
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
      apcR.add(bpdR).intoArray(yr, y0 + v);
      apcI.add(bpdI).intoArray(yi, y0 + v);
      amcR.add(bmdI).intoArray(yr, y0 + run + v);
      amcI.sub(bmdR).intoArray(yi, y0 + run + v);
      apcR.sub(bpdR).intoArray(yr, y0 + 2 * run + v);
      apcI.sub(bpdI).intoArray(yi, y0 + 2 * run + v);
      amcR.sub(bmdI).intoArray(yr, y0 + 3 * run + v);
      amcI.add(bmdR).intoArray(yi, y0 + 3 * run + v);
    }
  }
}
