package org.noodlevision.gpu;

import static jcuda.driver.JCudaDriver.cuEventCreate;
import static jcuda.driver.JCudaDriver.cuEventDestroy;
import static jcuda.driver.JCudaDriver.cuEventElapsedTime;
import static jcuda.driver.JCudaDriver.cuEventRecord;
import static jcuda.driver.JCudaDriver.cuFuncSetAttribute;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoHAsync;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoDAsync;
import static jcuda.driver.JCudaDriver.cuMemsetD32Async;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamDestroy;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;

/**
 * Runs one batch on the device: per sub-batch (whole clips) the sample copy, the STFT kernel with mel, chroma and
 * piptrack peaks, the tuning and chroma kernels, the dB/MFCC kernel and the copies back, on rotating streams so
 * one sub-batch's copies overlap another's kernels. Not thread-safe.
 */
final class BatchRunner implements AutoCloseable {
  static final String[] STAGES = {"h2d", "stft+mel", "tuning+chroma", "db+mfcc", "d2h"};
  private static final int BLOCK = 256;

  private final CudaDevice dev;
  private final FeatureParams p;
  private final Set<Feature> features;
  private final DeviceMemory memory;
  private final boolean chroma;
  private final boolean estimateTuning;
  private final boolean needMel;
  private final boolean needDb;
  private final boolean f64;
  private final CUfunction stft;
  private final int stftSmem;
  private final int log2M;
  private final Slot[] slots;
  private final PinnedHostBuffer staging = new PinnedHostBuffer("sample staging");
  private final PinnedHostBuffer output = new PinnedHostBuffer("feature output");
  private final PinnedHostBuffer meta = new PinnedHostBuffer("batch metadata");
  private final Map<Integer, DeviceTables> tables = new HashMap<>();
  private boolean profile;
  final double[] stageMillis = new double[STAGES.length];

  BatchRunner(CudaDevice dev, FeatureParams p, Set<Feature> features, DeviceMemory memory, int streams,
              boolean float64Fft) {
    this.dev = dev;
    this.p = p;
    this.features = features;
    this.memory = memory;
    this.chroma = features.contains(Feature.CHROMA);
    this.estimateTuning = chroma && p.tuning() == null;
    this.needDb = features.contains(Feature.LOG_MEL_SPECTROGRAM) || features.contains(Feature.MFCC);
    this.needMel = needDb || features.contains(Feature.MEL_SPECTROGRAM);
    this.f64 = float64Fft || p.precision() == FeatureParams.Precision.FLOAT64;
    this.stft = f64 ? dev.stftF64 : dev.stftF32;
    int n = p.nFft();
    int m = n / 2;
    this.log2M = (n % 2 == 0 && Integer.bitCount(m) == 1) ? Integer.numberOfTrailingZeros(m) : -1;
    int bufLen = log2M >= 0 ? m + 1 : (n + 1) / 2 + 1;
    long smem = 2L * bufLen * (f64 ? 16 : 8) + (long) (p.numFrequencyBins() + 32 + p.nChroma()) * 4;
    if (smem > dev.maxSharedPerBlockOptin) {
      throw new GpuUnavailableException("n_fft " + n + " needs " + smem + " bytes of GPU shared memory per block; "
          + "the device allows " + dev.maxSharedPerBlockOptin + ". Such sizes run on the CPU.");
    }
    this.stftSmem = (int) smem;
    if (smem > 48 * 1024) {
      CudaCheck.check(cuFuncSetAttribute(stft, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES,
          stftSmem), "cuFuncSetAttribute(max dynamic shared memory)");
    }
    dev.makeCurrent();
    slots = new Slot[streams];
    for (int i = 0; i < streams; i++) {
      slots[i] = new Slot(memory);
    }
  }

  void setProfile(boolean on) {
    profile = on;
  }

  /**
   * Computes a batch; input from {@code pinnedInput} (samples laid out as in the layout) or, when null, copied
   * from {@code javaInput} into the pinned staging buffer sub-batch by sub-batch (overlapping the device work).
   */
  GpuBatchResult run(BatchLayout layout, int sr, PinnedHostBuffer pinnedInput, List<float[]> javaInput) {
    dev.makeCurrent();
    DeviceTables t = tables.computeIfAbsent(sr, rate -> new DeviceTables(memory, p, rate, estimateTuning));
    int cap = t.peakCapPerFrame();
    int n = layout.numClips();
    output.ensure(Math.max(1, layout.outputFloats) * Float.BYTES + (long) n * Integer.BYTES);
    long tuningRegion = layout.outputFloats * Float.BYTES;
    List<Long> metaOffsets = new ArrayList<>();
    long metaBytes = 0;
    int maxClips = 0;
    int maxFrames = 0;
    long maxSamples = 0;
    for (BatchLayout.SubBatch s : layout.subBatches) {
      metaOffsets.add(metaBytes);
      metaBytes += metaBytesOf(s.clips());
      maxClips = Math.max(maxClips, s.clips());
      maxFrames = Math.max(maxFrames, s.frames());
      maxSamples = Math.max(maxSamples, s.sampleTo() - s.sampleFrom());
    }
    meta.ensure(metaBytes);
    writeMeta(layout, metaOffsets);
    PinnedHostBuffer input = pinnedInput;
    if (input == null) {
      staging.ensure(Math.max(1, layout.sampleOffset[n]) * Float.BYTES);
      input = staging;
    }
    for (Slot s : slots) {
      s.ensure(maxClips, maxFrames, maxSamples, cap);
    }
    List<CUevent[]> events = new ArrayList<>();
    for (int i = 0; i < layout.subBatches.size(); i++) {
      BatchLayout.SubBatch sb = layout.subBatches.get(i);
      Slot slot = slots[i % slots.length];
      if (pinnedInput == null) {
        copyJavaInput(layout, sb, javaInput);
      }
      CUevent[] ev = profile ? newEvents() : null;
      if (ev != null) {
        events.add(ev);
      }
      enqueue(layout, sb, slot, t, cap, input, metaOffsets.get(i), tuningRegion, ev);
    }
    for (Slot s : slots) {
      CudaCheck.check(cuStreamSynchronize(s.stream), "cuStreamSynchronize");
    }
    if (profile) {
      float[] ms = {0};
      for (CUevent[] ev : events) {
        for (int k = 0; k < STAGES.length; k++) {
          cuEventElapsedTime(ms, ev[k], ev[k + 1]);
          stageMillis[k] += ms[0];
        }
        for (CUevent e : ev) {
          cuEventDestroy(e);
        }
      }
    }
    double[] tuning = new double[n];
    ByteBuffer out = output.bytes();
    for (int c = 0; c < n; c++) {
      if (!chroma) {
        tuning[c] = Double.NaN;
      } else if (!estimateTuning) {
        tuning[c] = p.tuning();
      } else {
        int idx = out.getInt((int) (tuningRegion + (long) c * Integer.BYTES));
        tuning[c] = idx >= DeviceTables.TUNING_BINS ? 0.0 : t.tuningEdgeValues[idx];
      }
    }
    return new GpuBatchResult(layout, output, tuning);
  }

  private void enqueue(BatchLayout layout, BatchLayout.SubBatch sb, Slot s, DeviceTables t, int cap,
                       PinnedHostBuffer input, long metaOffset, long tuningRegion, CUevent[] ev) {
    int k = sb.clips();
    int frames = sb.frames();
    int nBins = p.numFrequencyBins();
    CUstream st = s.stream;
    record(ev, 0, st);
    long sampleBytes = (sb.sampleTo() - sb.sampleFrom()) * Float.BYTES;
    if (sampleBytes > 0) {
      CudaCheck.check(cuMemcpyHtoDAsync(s.samples.ensure(0), input.pointer().withByteOffset(sb.sampleFrom() * 4),
          sampleBytes, st), "copy samples to device");
    }
    CudaCheck.check(cuMemcpyHtoDAsync(s.meta.ensure(0), meta.pointer().withByteOffset(metaOffset),
        metaBytesOf(k), st), "copy batch metadata to device");
    CUdeviceptr metaDev = s.meta.ensure(0);
    CUdeviceptr clipSampleOffset = metaDev;
    CUdeviceptr clipLength = metaDev.withByteOffset(8L * k);
    CUdeviceptr clipFrameOffset = metaDev.withByteOffset(16L * k);
    CUdeviceptr maxMel = s.maxMel.ensure(0);
    CUdeviceptr peakCount = s.peakCount.ensure(0);
    CudaCheck.check(cuMemsetD32Async(maxMel, 0, k, st), "clear clip maxima");
    CudaCheck.check(cuMemsetD32Async(peakCount, 0, k, st), "clear peak counts");
    record(ev, 1, st);

    CUdeviceptr nul = new CUdeviceptr();
    CUdeviceptr mag = features.contains(Feature.SPECTROGRAM) ? s.mag.ensure(0) : nul;
    CUdeviceptr pow = features.contains(Feature.POWER_SPECTROGRAM) ? s.pow.ensure(0) : nul;
    CUdeviceptr spec = nul;
    if (estimateTuning) {
      if (p.power() == 2.0 && pow != nul) {
        spec = nul;  // the kernel writes S to pow already
      } else {
        spec = s.spec.ensure(0);
      }
    }
    CUdeviceptr specForChroma = spec != nul ? spec : pow;
    CUdeviceptr mel = needMel ? s.mel.ensure(0) : nul;
    CUdeviceptr chromaOut = chroma ? s.chromaOut.ensure(0) : nul;
    boolean fixedChroma = chroma && !estimateTuning;
    Pointer args = Pointer.to(
        Pointer.to(s.samples.ensure(0)), Pointer.to(clipSampleOffset), Pointer.to(clipLength),
        Pointer.to(clipFrameOffset), Pointer.to(new int[] {k}), Pointer.to(new int[] {p.nFft()}),
        Pointer.to(new int[] {p.hopLength()}), Pointer.to(new int[] {p.center() ? 1 : 0}),
        Pointer.to(new int[] {p.padMode() == FeatureParams.PadMode.REFLECT ? 1 : 0}), Pointer.to(new int[] {log2M}),
        Pointer.to(f64 ? t.windowF64 : t.windowF32), Pointer.to(f64 ? t.twiddleF64 : t.twiddleF32),
        Pointer.to(new float[] {(float) p.power()}), Pointer.to(mag), Pointer.to(pow), Pointer.to(spec),
        Pointer.to(t.melStart), Pointer.to(t.melLen), Pointer.to(t.melOffset), Pointer.to(t.melWeights),
        Pointer.to(new int[] {p.nMels()}), Pointer.to(mel), Pointer.to(maxMel),
        Pointer.to(t.chromaBanks), Pointer.to(new int[] {p.nChroma()}), Pointer.to(fixedChroma ? chromaOut : nul),
        Pointer.to(new int[] {t.peakLo}), Pointer.to(new int[] {t.peakHi}), Pointer.to(new int[] {cap}),
        Pointer.to(new double[] {t.sampleRate}),
        Pointer.to(estimateTuning ? s.peakMag.ensure(0) : nul), Pointer.to(estimateTuning ? s.peakPitch.ensure(0) : nul),
        Pointer.to(estimateTuning ? peakCount : nul), Pointer.to(nul));
    launch(stft, frames, BLOCK, stftSmem, st, args, "nv_stft");
    record(ev, 2, st);
    if (estimateTuning) {
      CUdeviceptr tuningIdx = s.tuningIdx.ensure(0);
      launch(dev.tuning, k, 1024, 0, st, Pointer.to(Pointer.to(s.peakMag.ensure(0)),
          Pointer.to(s.peakPitch.ensure(0)), Pointer.to(peakCount), Pointer.to(clipFrameOffset),
          Pointer.to(new int[] {cap}), Pointer.to(t.tuningEdges), Pointer.to(new int[] {DeviceTables.TUNING_BINS}),
          Pointer.to(new int[] {p.nChroma()}), Pointer.to(tuningIdx)), "nv_tuning");
      launch(dev.chroma, frames, BLOCK, (nBins + 32 + p.nChroma()) * 4, st, Pointer.to(Pointer.to(specForChroma),
          Pointer.to(new int[] {nBins}), Pointer.to(clipFrameOffset), Pointer.to(new int[] {k}),
          Pointer.to(tuningIdx), Pointer.to(t.chromaBanks), Pointer.to(new int[] {p.nChroma()}),
          Pointer.to(chromaOut)), "nv_chroma");
    }
    record(ev, 3, st);
    if (needDb) {
      float refDb = (float) (10.0 * Math.log10(Math.max(p.amin(), p.ref())));
      CUdeviceptr db = features.contains(Feature.LOG_MEL_SPECTROGRAM) ? s.db.ensure(0) : nul;
      CUdeviceptr mfcc = features.contains(Feature.MFCC) ? s.mfcc.ensure(0) : nul;
      launch(dev.dbMfcc, frames, BLOCK, p.nMels() * 4, st, Pointer.to(Pointer.to(mel),
          Pointer.to(new int[] {p.nMels()}), Pointer.to(clipFrameOffset), Pointer.to(new int[] {k}),
          Pointer.to(maxMel), Pointer.to(new float[] {(float) p.amin()}), Pointer.to(new float[] {refDb}),
          Pointer.to(new float[] {p.topDb() == null ? 0f : p.topDb().floatValue()}),
          Pointer.to(new int[] {p.topDb() == null ? 0 : 1}), Pointer.to(db), Pointer.to(t.dct),
          Pointer.to(new int[] {p.nMfcc()}), Pointer.to(mfcc)), "nv_db_mfcc");
    }
    record(ev, 4, st);
    for (Feature f : layout.bins.keySet()) {
      CUdeviceptr src = s.bufferOf(f);
      long bins = layout.bins.get(f);
      long dst = (layout.regionOffset.get(f) + sb.frameFrom() * bins) * Float.BYTES;
      CudaCheck.check(cuMemcpyDtoHAsync(output.pointer().withByteOffset(dst), src, frames * bins * Float.BYTES, st),
          "copy " + f.featureName() + " to host");
    }
    if (estimateTuning) {
      CudaCheck.check(cuMemcpyDtoHAsync(output.pointer().withByteOffset(tuningRegion + 4L * sb.clipFrom()),
          s.tuningIdx.ensure(0), 4L * k, st), "copy tuning to host");
    }
    record(ev, 5, st);
  }

  /**
   * One clip longer than a launch, in chunks of at most {@code maxFrames} frames (device memory bounded by the
   * chunk, the host result by the clip's output): pass 1 computes spectrogram, mel and the clip maximum and
   * collects piptrack peaks; pass 2 computes dB and MFCC with the clip-wide top_db floor and, with estimated
   * tuning, recomputes each chunk's spectrum for chroma with the bank of the clip's tuning (estimated on the host
   * from the collected peaks, {@link HostTuning}). Synchronous, one stream.
   */
  FeatureResult runLongClip(float[] x, int sr, int maxFrames) {
    dev.makeCurrent();
    DeviceTables t = tables.computeIfAbsent(sr, rate -> new DeviceTables(memory, p, rate, estimateTuning));
    int cap = t.peakCapPerFrame();
    int n = p.nFft();
    int hop = p.hopLength();
    int nBins = p.numFrequencyBins();
    int frames = BatchLayout.numFrames(x.length, p, 0);
    long window = (long) (maxFrames - 1) * hop + n + 1;
    Slot s = slots[0];
    s.ensure(1, maxFrames, window, cap);
    CUstream st = s.stream;
    Map<Feature, float[]> out = new EnumMap<>(Feature.class);
    for (Feature f : features) {
      out.put(f, new float[frames * BatchLayout.binsOf(f, p)]);
    }
    float[] melHost = needMel ? out.getOrDefault(Feature.MEL_SPECTROGRAM, new float[frames * p.nMels()]) : null;
    CUdeviceptr nul = new CUdeviceptr();
    CUdeviceptr maxMel = s.maxMel.ensure(0);
    CUdeviceptr peakCount = s.peakCount.ensure(0);
    CudaCheck.check(cuMemsetD32Async(maxMel, 0, 1, st), "clear clip maximum");
    HostTuning tuning = new HostTuning(t.tuningEdgeValues, p.nChroma());
    boolean fixedChroma = chroma && !estimateTuning;
    for (int t0 = 0; t0 < frames; t0 += maxFrames) {
      int t1 = Math.min(frames, t0 + maxFrames);
      uploadChunk(s, x, t0, t1);
      CudaCheck.check(cuMemsetD32Async(peakCount, 0, 1, st), "clear peak count");
      CUdeviceptr mag = features.contains(Feature.SPECTROGRAM) ? s.mag.ensure(0) : nul;
      CUdeviceptr pow = features.contains(Feature.POWER_SPECTROGRAM) ? s.pow.ensure(0) : nul;
      launch(stft, t1 - t0, BLOCK, stftSmem, st, stftArgs(s, t, mag, pow, needMel ? s.mel.ensure(0) : nul,
          fixedChroma ? t.chromaBanks : nul, fixedChroma ? s.chromaOut.ensure(0) : nul, estimateTuning, cap),
          "nv_stft (long clip)");
      copyBack(mag, out.get(Feature.SPECTROGRAM), t0, t1, nBins, st);
      copyBack(pow, out.get(Feature.POWER_SPECTROGRAM), t0, t1, nBins, st);
      copyBack(needMel ? s.mel.ensure(0) : nul, melHost, t0, t1, p.nMels(), st);
      if (fixedChroma) {
        copyBack(s.chromaOut.ensure(0), out.get(Feature.CHROMA), t0, t1, p.nChroma(), st);
      }
      if (estimateTuning) {
        CudaCheck.check(cuStreamSynchronize(st), "cuStreamSynchronize");
        int[] count = {0};
        CudaCheck.check(cuMemcpyDtoH(Pointer.to(count), peakCount, 4), "copy peak count");
        float[] mags = new float[count[0]];
        float[] pitches = new float[count[0]];
        if (count[0] > 0) {
          CudaCheck.check(cuMemcpyDtoH(Pointer.to(mags), s.peakMag.ensure(0), 4L * count[0]), "copy peaks");
          CudaCheck.check(cuMemcpyDtoH(Pointer.to(pitches), s.peakPitch.ensure(0), 4L * count[0]), "copy peaks");
        }
        tuning.add(mags, pitches);
      }
    }
    if (needDb) {
      float refDb = (float) (10.0 * Math.log10(Math.max(p.amin(), p.ref())));
      for (int t0 = 0; t0 < frames; t0 += maxFrames) {
        int t1 = Math.min(frames, t0 + maxFrames);
        writeChunkMeta(s, t0, t1, 0, x.length);
        CudaCheck.check(cuMemcpyHtoDAsync(s.mel.ensure(0), Pointer.to(melHost).withByteOffset(4L * t0 * p.nMels()),
            4L * (t1 - t0) * p.nMels(), st), "copy mel chunk to device");
        CUdeviceptr db = features.contains(Feature.LOG_MEL_SPECTROGRAM) ? s.db.ensure(0) : nul;
        CUdeviceptr mfcc = features.contains(Feature.MFCC) ? s.mfcc.ensure(0) : nul;
        launch(dev.dbMfcc, t1 - t0, BLOCK, p.nMels() * 4, st, Pointer.to(Pointer.to(s.mel.ensure(0)),
            Pointer.to(new int[] {p.nMels()}), Pointer.to(s.meta.ensure(0).withByteOffset(16)),
            Pointer.to(new int[] {1}), Pointer.to(maxMel), Pointer.to(new float[] {(float) p.amin()}),
            Pointer.to(new float[] {refDb}), Pointer.to(new float[] {p.topDb() == null ? 0f : p.topDb().floatValue()}),
            Pointer.to(new int[] {p.topDb() == null ? 0 : 1}), Pointer.to(db), Pointer.to(t.dct),
            Pointer.to(new int[] {p.nMfcc()}), Pointer.to(mfcc)), "nv_db_mfcc (long clip)");
        copyBack(db, out.get(Feature.LOG_MEL_SPECTROGRAM), t0, t1, p.nMels(), st);
        copyBack(mfcc, out.get(Feature.MFCC), t0, t1, p.nMfcc(), st);
      }
    }
    double tuningValue = chroma ? (estimateTuning ? 0.0 : p.tuning()) : Double.NaN;
    if (estimateTuning) {
      int idx = tuning.binIndex();
      tuningValue = idx >= DeviceTables.TUNING_BINS ? 0.0 : t.tuningEdgeValues[idx];
      CUdeviceptr bank = t.chromaBanks.withByteOffset(4L * idx * p.nChroma() * nBins);
      for (int t0 = 0; t0 < frames; t0 += maxFrames) {
        int t1 = Math.min(frames, t0 + maxFrames);
        uploadChunk(s, x, t0, t1);
        launch(stft, t1 - t0, BLOCK, stftSmem, st, stftArgs(s, t, nul, nul, nul, bank, s.chromaOut.ensure(0), false,
            cap), "nv_stft (long clip chroma)");
        copyBack(s.chromaOut.ensure(0), out.get(Feature.CHROMA), t0, t1, p.nChroma(), st);
      }
    }
    CudaCheck.check(cuStreamSynchronize(st), "cuStreamSynchronize");
    Map<Feature, FeatureMatrix> m = new EnumMap<>(Feature.class);
    out.forEach((f, v) -> m.put(f, new FeatureMatrix(frames, BatchLayout.binsOf(f, p), v)));
    return new FeatureResult(frames, m, tuningValue);
  }

  /** Uploads the samples frames [t0, t1) read (clip-relative addressing kept) and the one-clip metadata. */
  private void uploadChunk(Slot s, float[] x, int t0, int t1) {
    long n = p.nFft();
    long pad = p.center() ? n / 2 : 0;
    long ws = Math.max(0, (long) t0 * p.hopLength() - pad);
    long we = Math.min(x.length, (long) (t1 - 1) * p.hopLength() - pad + n);
    if (we <= ws) {
      ws = 0;
      we = Math.min(x.length, n);
    }
    CudaCheck.check(cuMemcpyHtoDAsync(s.samples.ensure(0), Pointer.to(x).withByteOffset(4 * ws), 4 * (we - ws),
        s.stream), "copy sample chunk to device");
    writeChunkMeta(s, t0, t1, -ws, x.length);
  }

  /** One clip: sample offset (so that clip sample i is samples[i + offset]), length, frame offsets, first frame. */
  private void writeChunkMeta(Slot s, int t0, int t1, long sampleOffset, long length) {
    ByteBuffer b = ByteBuffer.allocateDirect(40).order(ByteOrder.nativeOrder());
    b.putLong(0, sampleOffset).putLong(8, length).putInt(16, 0).putInt(20, t1 - t0).putInt(24, t0);
    CudaCheck.check(cuStreamSynchronize(s.stream), "cuStreamSynchronize");
    CudaCheck.check(cuMemcpyHtoD(s.meta.ensure(0), Pointer.to(b), 28), "copy chunk metadata");
  }

  private Pointer stftArgs(Slot s, DeviceTables t, CUdeviceptr mag, CUdeviceptr pow, CUdeviceptr mel,
                           CUdeviceptr chromaBank, CUdeviceptr chromaOut, boolean peaks, int cap) {
    CUdeviceptr nul = new CUdeviceptr();
    CUdeviceptr metaDev = s.meta.ensure(0);
    return Pointer.to(
        Pointer.to(s.samples.ensure(0)), Pointer.to(metaDev), Pointer.to(metaDev.withByteOffset(8)),
        Pointer.to(metaDev.withByteOffset(16)), Pointer.to(new int[] {1}), Pointer.to(new int[] {p.nFft()}),
        Pointer.to(new int[] {p.hopLength()}), Pointer.to(new int[] {p.center() ? 1 : 0}),
        Pointer.to(new int[] {p.padMode() == FeatureParams.PadMode.REFLECT ? 1 : 0}), Pointer.to(new int[] {log2M}),
        Pointer.to(f64 ? t.windowF64 : t.windowF32), Pointer.to(f64 ? t.twiddleF64 : t.twiddleF32),
        Pointer.to(new float[] {(float) p.power()}), Pointer.to(mag), Pointer.to(pow), Pointer.to(nul),
        Pointer.to(t.melStart), Pointer.to(t.melLen), Pointer.to(t.melOffset), Pointer.to(t.melWeights),
        Pointer.to(new int[] {p.nMels()}), Pointer.to(mel), Pointer.to(s.maxMel.ensure(0)),
        Pointer.to(chromaBank), Pointer.to(new int[] {p.nChroma()}), Pointer.to(chromaOut),
        Pointer.to(new int[] {t.peakLo}), Pointer.to(new int[] {t.peakHi}), Pointer.to(new int[] {cap}),
        Pointer.to(new double[] {t.sampleRate}),
        Pointer.to(peaks ? s.peakMag.ensure(0) : nul), Pointer.to(peaks ? s.peakPitch.ensure(0) : nul),
        Pointer.to(peaks ? s.peakCount.ensure(0) : nul), Pointer.to(metaDev.withByteOffset(24)));
  }

  private static void copyBack(CUdeviceptr src, float[] dst, int t0, int t1, int bins, CUstream st) {
    if (dst == null) {
      return;
    }
    CudaCheck.check(cuStreamSynchronize(st), "cuStreamSynchronize");
    CudaCheck.check(cuMemcpyDtoH(Pointer.to(dst).withByteOffset(4L * t0 * bins), src, 4L * (t1 - t0) * bins),
        "copy chunk to host");
  }

  private void launch(CUfunction f, int grid, int block, int smem, CUstream st, Pointer args, String name) {
    if (grid == 0) {
      return;
    }
    CudaCheck.check(cuLaunchKernel(f, grid, 1, 1, block, 1, 1, smem, st, args, null), "launch " + name);
  }

  private static CUevent[] newEvents() {
    CUevent[] ev = new CUevent[STAGES.length + 1];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = new CUevent();
      CudaCheck.check(cuEventCreate(ev[i], 0), "cuEventCreate");
    }
    return ev;
  }

  private static void record(CUevent[] ev, int i, CUstream st) {
    if (ev != null) {
      cuEventRecord(ev[i], st);
    }
  }

  private static long metaBytesOf(int clips) {
    return 16L * clips + 4L * (clips + 1) + 4;  // sample offsets, lengths (long), frame offsets (int)
  }

  private void writeMeta(BatchLayout layout, List<Long> offsets) {
    ByteBuffer b = meta.bytes();
    for (int i = 0; i < layout.subBatches.size(); i++) {
      BatchLayout.SubBatch sb = layout.subBatches.get(i);
      int base = (int) (long) offsets.get(i);
      int k = sb.clips();
      for (int c = 0; c < k; c++) {
        int clip = sb.clipFrom() + c;
        b.putLong(base + 8 * c, layout.sampleOffset[clip] - sb.sampleFrom());
        b.putLong(base + 8 * (k + c), layout.clipLength[clip]);
      }
      for (int c = 0; c <= k; c++) {
        b.putInt(base + 16 * k + 4 * c, layout.frameOffset[sb.clipFrom() + c] - sb.frameFrom());
      }
    }
  }

  private void copyJavaInput(BatchLayout layout, BatchLayout.SubBatch sb, List<float[]> clips) {
    IntStream.range(sb.clipFrom(), sb.clipTo()).parallel().forEach(c -> {
      float[] x = clips.get(c);
      ByteBuffer b = staging.bytes();
      b.position((int) (layout.sampleOffset[c] * Float.BYTES));
      b.slice().order(ByteOrder.nativeOrder()).asFloatBuffer().put(x);
    });
  }

  @Override
  public void close() {
    dev.makeCurrent();
    for (Slot s : slots) {
      s.close();
    }
    tables.values().forEach(DeviceTables::close);
    tables.clear();
    staging.close();
    output.close();
    meta.close();
  }

  /** The device buffers and stream of one sub-batch in flight. */
  private final class Slot implements AutoCloseable {
    final CUstream stream = new CUstream();
    final DeviceBuffer samples;
    final DeviceBuffer meta;
    final DeviceBuffer mag;
    final DeviceBuffer pow;
    final DeviceBuffer spec;
    final DeviceBuffer mel;
    final DeviceBuffer db;
    final DeviceBuffer mfcc;
    final DeviceBuffer chromaOut;
    final DeviceBuffer peakMag;
    final DeviceBuffer peakPitch;
    final DeviceBuffer peakCount;
    final DeviceBuffer maxMel;
    final DeviceBuffer tuningIdx;

    Slot(DeviceMemory m) {
      CudaCheck.check(cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING), "cuStreamCreate");
      samples = new DeviceBuffer(m, "samples");
      meta = new DeviceBuffer(m, "batch metadata");
      mag = new DeviceBuffer(m, "spectrogram");
      pow = new DeviceBuffer(m, "power spectrogram");
      spec = new DeviceBuffer(m, "chroma spectrum");
      mel = new DeviceBuffer(m, "mel spectrogram");
      db = new DeviceBuffer(m, "log-mel spectrogram");
      mfcc = new DeviceBuffer(m, "mfcc");
      chromaOut = new DeviceBuffer(m, "chroma");
      peakMag = new DeviceBuffer(m, "piptrack magnitudes");
      peakPitch = new DeviceBuffer(m, "piptrack pitches");
      peakCount = new DeviceBuffer(m, "piptrack counts");
      maxMel = new DeviceBuffer(m, "clip maxima");
      tuningIdx = new DeviceBuffer(m, "tuning");
    }

    void ensure(int clips, int frames, long sampleCount, int cap) {
      long f = frames;
      samples.ensure(Math.max(1, sampleCount) * 4);
      meta.ensure(metaBytesOf(clips));
      long nBins = p.numFrequencyBins();
      if (features.contains(Feature.SPECTROGRAM)) {
        mag.ensure(f * nBins * 4);
      }
      if (features.contains(Feature.POWER_SPECTROGRAM)) {
        pow.ensure(f * nBins * 4);
      }
      if (estimateTuning && !(p.power() == 2.0 && features.contains(Feature.POWER_SPECTROGRAM))) {
        spec.ensure(f * nBins * 4);
      }
      if (needMel) {
        mel.ensure(f * p.nMels() * 4);
      }
      if (features.contains(Feature.LOG_MEL_SPECTROGRAM)) {
        db.ensure(f * p.nMels() * 4);
      }
      if (features.contains(Feature.MFCC)) {
        mfcc.ensure(f * p.nMfcc() * 4);
      }
      if (chroma) {
        chromaOut.ensure(f * p.nChroma() * 4);
      }
      if (estimateTuning) {
        peakMag.ensure(f * cap * 4);
        peakPitch.ensure(f * cap * 4);
        tuningIdx.ensure(clips * 4L);
      }
      peakCount.ensure(clips * 4L);
      maxMel.ensure(clips * 4L);
    }

    CUdeviceptr bufferOf(Feature f) {
      switch (f) {
        case SPECTROGRAM: return mag.ensure(0);
        case POWER_SPECTROGRAM: return pow.ensure(0);
        case MEL_SPECTROGRAM: return mel.ensure(0);
        case LOG_MEL_SPECTROGRAM: return db.ensure(0);
        case MFCC: return mfcc.ensure(0);
        case CHROMA: return chromaOut.ensure(0);
        default: throw new IllegalStateException(f.toString());
      }
    }

    @Override
    public void close() {
      for (DeviceBuffer b : new DeviceBuffer[] {samples, meta, mag, pow, spec, mel, db, mfcc, chromaOut, peakMag,
          peakPitch, peakCount, maxMel, tuningIdx}) {
        b.close();
      }
      cuStreamDestroy(stream);
    }
  }
}
