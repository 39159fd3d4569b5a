package org.noodlevision.audio.dsp.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Forward complex FFT of a power-of-two size {@code m >= 4} on {@code lanes} independent sequences at once, stored
 * {@code [element][lane]} in split real/imaginary float64 arrays (as librosa's FFT, float64): Stockham auto-sort (no
 * bit reversal) with radix-8 stages, and radix-4 ones where log2 m is not a multiple of 3, so that the data crosses
 * the caches as few times as possible (1024 points: 8, 8, 4, 4). In a stage of span {@code n} and stride {@code s}
 * every butterfly reads and writes runs of {@code s * lanes} contiguous values with one twiddle per run, so the inner
 * loop is plain vector arithmetic. Twiddles are computed once in float64.
 */
final class StockhamLanes {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int VL = SPECIES.length();
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private final int m;
  private final int lanes;
  private final double[] aRe;
  private final double[] aIm;
  private final double[] bRe;
  private final double[] bIm;
  /** Per stage: its radix (8 or 4) and span n. */
  private final int[] radices;
  private final int[] spans;
  /** Per stage, per p: w^(jp) for j = 1 .. radix - 1 (re, im interleaved), w = exp(-2 pi i / n). */
  private final double[][] twiddles;
  private boolean resultInA;

  StockhamLanes(int m, int lanes) {
    if (m < 4 || Integer.bitCount(m) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + m);
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
    // log2 = 3 a + 2 b with as many radix-8 stages as possible: remainder 1 takes one 8 back for two 4s
    int eights = log2 / 3;
    int fours = 0;
    if (log2 % 3 == 1) {
      eights--;
      fours = 2;
    } else if (log2 % 3 == 2) {
      fours = 1;
    }
    radices = new int[eights + fours];
    spans = new int[radices.length];
    twiddles = new double[radices.length][];
    int n = m;
    for (int st = 0; st < radices.length; st++) {
      int radix = st < eights ? 8 : 4;
      radices[st] = radix;
      spans[st] = n;
      int q = n / radix;
      double[] w = new double[2 * (radix - 1) * q];
      for (int p = 0; p < q; p++) {
        for (int j = 1; j < radix; j++) {
          double a = -2.0 * Math.PI * j * p / n;
          w[2 * ((radix - 1) * p + j - 1)] = Math.cos(a);
          w[2 * ((radix - 1) * p + j - 1) + 1] = Math.sin(a);
        }
      }
      twiddles[st] = w;
      n /= radix;
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
    for (int st = 0; st < radices.length; st++) {
      if (radices[st] == 8) {
        radix8Stage(spans[st], s, twiddles[st], xr, xi, yr, yi);
      } else {
        radix4Stage(spans[st], s, twiddles[st], xr, xi, yr, yi);
      }
      s *= radices[st];
      double[] t = xr;
      xr = yr;
      yr = t;
      t = xi;
      xi = yi;
      yi = t;
    }
    resultInA = xr == aRe;
  }

  /**
   * One radix-8 stage of span n and stride s: for p < n/8 and each run q < s of lanes,
   * {@code y[q + s(8p + j)] = w^(jp) sum_k x[q + s(p + k n/8)] W8^(jk)}, the 8-point DFT formed from the 4-point DFTs
   * of the even and odd inputs.
   */
  private void radix8Stage(int n, int s, double[] w, double[] xr, double[] xi, double[] yr, double[] yi) {
    int eighth = n / 8;
    int run = s * lanes;
    int step = eighth * run;
    DoubleVector h = DoubleVector.broadcast(SPECIES, SQRT_HALF);
    for (int p = 0; p < eighth; p++) {
      int x0 = s * p * lanes;
      int y0 = 8 * p * run;
      int tw = 14 * p;
      for (int v = 0; v < run; v += VL) {
        int i = x0 + v;
        DoubleVector a0r = DoubleVector.fromArray(SPECIES, xr, i);
        DoubleVector a0i = DoubleVector.fromArray(SPECIES, xi, i);
        DoubleVector a1r = DoubleVector.fromArray(SPECIES, xr, i + step);
        DoubleVector a1i = DoubleVector.fromArray(SPECIES, xi, i + step);
        DoubleVector a2r = DoubleVector.fromArray(SPECIES, xr, i + 2 * step);
        DoubleVector a2i = DoubleVector.fromArray(SPECIES, xi, i + 2 * step);
        DoubleVector a3r = DoubleVector.fromArray(SPECIES, xr, i + 3 * step);
        DoubleVector a3i = DoubleVector.fromArray(SPECIES, xi, i + 3 * step);
        DoubleVector a4r = DoubleVector.fromArray(SPECIES, xr, i + 4 * step);
        DoubleVector a4i = DoubleVector.fromArray(SPECIES, xi, i + 4 * step);
        DoubleVector a5r = DoubleVector.fromArray(SPECIES, xr, i + 5 * step);
        DoubleVector a5i = DoubleVector.fromArray(SPECIES, xi, i + 5 * step);
        DoubleVector a6r = DoubleVector.fromArray(SPECIES, xr, i + 6 * step);
        DoubleVector a6i = DoubleVector.fromArray(SPECIES, xi, i + 6 * step);
        DoubleVector a7r = DoubleVector.fromArray(SPECIES, xr, i + 7 * step);
        DoubleVector a7i = DoubleVector.fromArray(SPECIES, xi, i + 7 * step);
        // 4-point DFT of the even inputs a0, a2, a4, a6: E0..E3
        DoubleVector t0r = a0r.add(a4r);
        DoubleVector t0i = a0i.add(a4i);
        DoubleVector t1r = a0r.sub(a4r);
        DoubleVector t1i = a0i.sub(a4i);
        DoubleVector t2r = a2r.add(a6r);
        DoubleVector t2i = a2i.add(a6i);
        DoubleVector t3r = a2i.sub(a6i); // -i (a2 - a6)
        DoubleVector t3i = a6r.sub(a2r);
        DoubleVector e0r = t0r.add(t2r);
        DoubleVector e0i = t0i.add(t2i);
        DoubleVector e1r = t1r.add(t3r);
        DoubleVector e1i = t1i.add(t3i);
        DoubleVector e2r = t0r.sub(t2r);
        DoubleVector e2i = t0i.sub(t2i);
        DoubleVector e3r = t1r.sub(t3r);
        DoubleVector e3i = t1i.sub(t3i);
        // 4-point DFT of the odd inputs a1, a3, a5, a7: O0..O3
        DoubleVector u0r = a1r.add(a5r);
        DoubleVector u0i = a1i.add(a5i);
        DoubleVector u1r = a1r.sub(a5r);
        DoubleVector u1i = a1i.sub(a5i);
        DoubleVector u2r = a3r.add(a7r);
        DoubleVector u2i = a3i.add(a7i);
        DoubleVector u3r = a3i.sub(a7i); // -i (a3 - a7)
        DoubleVector u3i = a7r.sub(a3r);
        DoubleVector o0r = u0r.add(u2r);
        DoubleVector o0i = u0i.add(u2i);
        DoubleVector o1r = u1r.add(u3r);
        DoubleVector o1i = u1i.add(u3i);
        DoubleVector o2r = u0r.sub(u2r);
        DoubleVector o2i = u0i.sub(u2i);
        DoubleVector o3r = u1r.sub(u3r);
        DoubleVector o3i = u1i.sub(u3i);
        // W8^j O_j: W8 = (1 - i)/sqrt 2, W8^2 = -i, W8^3 = -(1 + i)/sqrt 2
        DoubleVector q1r = o1r.add(o1i).mul(h);
        DoubleVector q1i = o1i.sub(o1r).mul(h);
        DoubleVector q2r = o2i;
        DoubleVector q2i = o2r.neg();
        DoubleVector q3r = o3i.sub(o3r).mul(h);
        DoubleVector q3i = o3r.add(o3i).neg().mul(h);
        // output j times w^(jp) (at p = 0 those are 1, multiplied all the same); no helper calls: vectors passed to a
        // method C2 does not inline would be boxed
        e0r.add(o0r).intoArray(yr, y0 + v);
        e0i.add(o0i).intoArray(yi, y0 + v);
        DoubleVector y1r = e1r.add(q1r);
        DoubleVector y1i = e1i.add(q1i);
        double w1r = w[tw + 0];
        double w1i = w[tw + 1];
        y1r.mul(w1r).sub(y1i.mul(w1i)).intoArray(yr, y0 + 1 * run + v);
        y1r.mul(w1i).add(y1i.mul(w1r)).intoArray(yi, y0 + 1 * run + v);
        DoubleVector y2r = e2r.add(q2r);
        DoubleVector y2i = e2i.add(q2i);
        double w2r = w[tw + 2];
        double w2i = w[tw + 3];
        y2r.mul(w2r).sub(y2i.mul(w2i)).intoArray(yr, y0 + 2 * run + v);
        y2r.mul(w2i).add(y2i.mul(w2r)).intoArray(yi, y0 + 2 * run + v);
        DoubleVector y3r = e3r.add(q3r);
        DoubleVector y3i = e3i.add(q3i);
        double w3r = w[tw + 4];
        double w3i = w[tw + 5];
        y3r.mul(w3r).sub(y3i.mul(w3i)).intoArray(yr, y0 + 3 * run + v);
        y3r.mul(w3i).add(y3i.mul(w3r)).intoArray(yi, y0 + 3 * run + v);
        DoubleVector y4r = e0r.sub(o0r);
        DoubleVector y4i = e0i.sub(o0i);
        double w4r = w[tw + 6];
        double w4i = w[tw + 7];
        y4r.mul(w4r).sub(y4i.mul(w4i)).intoArray(yr, y0 + 4 * run + v);
        y4r.mul(w4i).add(y4i.mul(w4r)).intoArray(yi, y0 + 4 * run + v);
        DoubleVector y5r = e1r.sub(q1r);
        DoubleVector y5i = e1i.sub(q1i);
        double w5r = w[tw + 8];
        double w5i = w[tw + 9];
        y5r.mul(w5r).sub(y5i.mul(w5i)).intoArray(yr, y0 + 5 * run + v);
        y5r.mul(w5i).add(y5i.mul(w5r)).intoArray(yi, y0 + 5 * run + v);
        DoubleVector y6r = e2r.sub(q2r);
        DoubleVector y6i = e2i.sub(q2i);
        double w6r = w[tw + 10];
        double w6i = w[tw + 11];
        y6r.mul(w6r).sub(y6i.mul(w6i)).intoArray(yr, y0 + 6 * run + v);
        y6r.mul(w6i).add(y6i.mul(w6r)).intoArray(yi, y0 + 6 * run + v);
        DoubleVector y7r = e3r.sub(q3r);
        DoubleVector y7i = e3i.sub(q3i);
        double w7r = w[tw + 12];
        double w7i = w[tw + 13];
        y7r.mul(w7r).sub(y7i.mul(w7i)).intoArray(yr, y0 + 7 * run + v);
        y7r.mul(w7i).add(y7i.mul(w7r)).intoArray(yi, y0 + 7 * run + v);
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
        DoubleVector w1r = DoubleVector.broadcast(SPECIES, w[6 * p]);
        DoubleVector w1i = DoubleVector.broadcast(SPECIES, w[6 * p + 1]);
        DoubleVector w2r = DoubleVector.broadcast(SPECIES, w[6 * p + 2]);
        DoubleVector w2i = DoubleVector.broadcast(SPECIES, w[6 * p + 3]);
        DoubleVector w3r = DoubleVector.broadcast(SPECIES, w[6 * p + 4]);
        DoubleVector w3i = DoubleVector.broadcast(SPECIES, w[6 * p + 5]);
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
          // (a - c) - i (b - d), (a + c) - (b + d), (a - c) + i (b - d)
          DoubleVector t1r = amcR.add(bmdI);
          DoubleVector t1i = amcI.sub(bmdR);
          DoubleVector t2r = apcR.sub(bpdR);
          DoubleVector t2i = apcI.sub(bpdI);
          DoubleVector t3r = amcR.sub(bmdI);
          DoubleVector t3i = amcI.add(bmdR);
          t1r.mul(w1r).sub(t1i.mul(w1i)).intoArray(yr, y0 + run + v);
          t1r.mul(w1i).add(t1i.mul(w1r)).intoArray(yi, y0 + run + v);
          t2r.mul(w2r).sub(t2i.mul(w2i)).intoArray(yr, y0 + 2 * run + v);
          t2r.mul(w2i).add(t2i.mul(w2r)).intoArray(yi, y0 + 2 * run + v);
          t3r.mul(w3r).sub(t3i.mul(w3i)).intoArray(yr, y0 + 3 * run + v);
          t3r.mul(w3i).add(t3i.mul(w3r)).intoArray(yi, y0 + 3 * run + v);
        }
      }
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
