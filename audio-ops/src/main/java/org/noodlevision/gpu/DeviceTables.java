package org.noodlevision.gpu;

import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;

import java.util.ArrayList;
import java.util.List;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import org.noodlevision.audio.features.FeatureParams;

/**
 * The constant tables of one (parameters, sample rate) on the device: window, twiddles, sparse mel bank, chroma
 * banks (one for a fixed tuning; one per tuning histogram bin plus tuning 0.0 when estimated), DCT, tuning edges.
 */
final class DeviceTables implements AutoCloseable {
  static final int TUNING_BINS = 100;

  final int sampleRate;
  final CUdeviceptr windowF32;
  final CUdeviceptr windowF64;
  final CUdeviceptr twiddleF32;
  final CUdeviceptr twiddleF64;
  final CUdeviceptr melStart;
  final CUdeviceptr melLen;
  final CUdeviceptr melOffset;
  final CUdeviceptr melWeights;
  final CUdeviceptr chromaBanks;
  final CUdeviceptr dct;
  final CUdeviceptr tuningEdges;
  final double[] tuningEdgeValues;
  final int peakLo;
  final int peakHi;
  private final List<DeviceBuffer> buffers = new ArrayList<>();

  DeviceTables(DeviceMemory memory, FeatureParams p, int sr, boolean estimateTuning) {
    this.sampleRate = sr;
    int nFft = p.nFft();
    int nBins = p.numFrequencyBins();
    double[] window = HostFilterBanks.window(nFft, p.winLength());
    windowF64 = upload(memory, "window", window);
    windowF32 = upload(memory, "window", toFloat(window));
    double[] tw = HostFilterBanks.twiddles(nFft);
    twiddleF64 = upload(memory, "twiddles", tw);
    twiddleF32 = upload(memory, "twiddles", toFloat(tw));

    float[][] mel = HostFilterBanks.mel(p, sr);
    int nMels = mel.length;
    int[] start = new int[nMels];
    int[] len = new int[nMels];
    int[] off = new int[nMels];
    int total = 0;
    for (int m = 0; m < nMels; m++) {
      int lo = 0;
      while (lo < nBins && mel[m][lo] == 0f) {
        lo++;
      }
      int hi = nBins;
      while (hi > lo && mel[m][hi - 1] == 0f) {
        hi--;
      }
      start[m] = lo == nBins ? 0 : lo;
      len[m] = hi - lo;
      off[m] = total;
      total += len[m];
    }
    float[] weights = new float[Math.max(total, 1)];
    for (int m = 0; m < nMels; m++) {
      System.arraycopy(mel[m], start[m], weights, off[m], len[m]);
    }
    melStart = upload(memory, "mel starts", start);
    melLen = upload(memory, "mel lengths", len);
    melOffset = upload(memory, "mel offsets", off);
    melWeights = upload(memory, "mel weights", weights);

    int nChroma = p.nChroma();
    tuningEdgeValues = HostFilterBanks.tuningEdges();
    double[] tunings;
    if (estimateTuning) {
      tunings = new double[TUNING_BINS + 1];
      System.arraycopy(tuningEdgeValues, 0, tunings, 0, TUNING_BINS);
      tunings[TUNING_BINS] = 0.0;  // no pitch found: librosa returns 0.0
    } else {
      tunings = new double[] {p.tuning() == null ? 0.0 : p.tuning()};
    }
    float[] banks = new float[tunings.length * nChroma * nBins];
    for (int i = 0; i < tunings.length; i++) {
      float[][] fb = HostFilterBanks.chroma(sr, nFft, tunings[i], nChroma);
      for (int c = 0; c < nChroma; c++) {
        System.arraycopy(fb[c], 0, banks, (i * nChroma + c) * nBins, nBins);
      }
    }
    chromaBanks = upload(memory, "chroma banks", banks);
    dct = upload(memory, "dct", HostFilterBanks.dct(p.nMfcc(), nMels, p.lifter()));
    tuningEdges = upload(memory, "tuning edges", tuningEdgeValues);
    // piptrack's feasible range fmin=150 <= f < fmax=min(4000, sr/2), f = k * sr / n_fft
    double val = 1.0 / (nFft * (1.0 / sr));
    double fmax = Math.min(4000.0, sr / 2.0);
    int lo = 0;
    while (lo < nBins && lo * val < 150.0) {
      lo++;
    }
    int hi = lo;
    while (hi < nBins && hi * val < fmax) {
      hi++;
    }
    peakLo = lo;
    peakHi = hi;
  }

  /** Upper bound of piptrack peaks in one frame (local maxima cannot be adjacent). */
  int peakCapPerFrame() {
    return (peakHi - peakLo + 1) / 2 + 1;
  }

  private CUdeviceptr upload(DeviceMemory memory, String what, double[] v) {
    return upload(memory, what, Pointer.to(v), (long) v.length * Sizeof.DOUBLE);
  }

  private CUdeviceptr upload(DeviceMemory memory, String what, float[] v) {
    return upload(memory, what, Pointer.to(v), (long) v.length * Sizeof.FLOAT);
  }

  private CUdeviceptr upload(DeviceMemory memory, String what, int[] v) {
    return upload(memory, what, Pointer.to(v), (long) Math.max(v.length, 1) * Sizeof.INT);
  }

  private CUdeviceptr upload(DeviceMemory memory, String what, Pointer host, long bytes) {
    DeviceBuffer b = new DeviceBuffer(memory, what);
    buffers.add(b);
    CUdeviceptr d = b.ensure(bytes);
    if (bytes > 0) {
      CudaCheck.check(cuMemcpyHtoD(d, host, bytes), "upload " + what);
    }
    return d;
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }

  @Override
  public void close() {
    buffers.forEach(DeviceBuffer::close);
    buffers.clear();
  }
}
