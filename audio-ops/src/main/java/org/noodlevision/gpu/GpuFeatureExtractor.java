package org.noodlevision.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import jcuda.CudaException;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.memory.GpuMemoryPool;

/**
 * Computes librosa 0.11 features of many clips at once on the GPU (one STFT pass per frame shared by every
 * feature; spectrogram, power, mel, log-mel, MFCC and chroma with estimated or given tuning), with the same
 * definitions and time-major layout as {@link FeaturePipeline}.
 *
 * <p>A GPU out-of-memory error splits the batch in two and retries; a single clip that still does not fit is
 * computed on the CPU. Both are counted in
 * {@link #counters()}; the call never fails for them. A clip longer than one launch is computed in chunks of
 * {@link GpuSettings#maxFramesPerLaunch()} frames (device memory bounded by the chunk; clip-wide top_db and tuning
 * are carried across chunks). Not thread-safe: use one extractor per thread.
 */
public final class GpuFeatureExtractor implements AutoCloseable {
  private final FeatureParams params;
  private final Set<Feature> features;
  private final GpuSettings settings;
  private final CudaDevice device;
  private final GpuMemoryPool ownPool;
  private final DeviceMemory memory;
  private final GpuCounters counters = new GpuCounters();
  private BatchRunner runner;
  private FeaturePipeline cpu;

  private GpuFeatureExtractor(FeatureParams params, Set<Feature> features, GpuSettings settings,
                              GpuMemoryPool pool) {
    this.params = Objects.requireNonNull(params, "params");
    if (features == null || features.isEmpty()) {
      throw new InvalidParameterException("features", features, "at least one feature");
    }
    this.features = Collections.unmodifiableSet(EnumSet.copyOf(features));
    this.settings = Objects.requireNonNull(settings, "settings");
    this.device = CudaDevice.get();
    if (pool == null) {
      GpuBackend.Probe probe = GpuBackend.probe();
      this.ownPool = new GpuMemoryPool(Math.min(probe.totalMemoryBytes() / 2, 16L << 30));
      pool = ownPool;
    } else {
      this.ownPool = null;
    }
    if (!pool.isAvailable()) {
      throw new GpuUnavailableException("the GPU memory pool is unavailable: " + pool.name());
    }
    this.memory = new PoolDeviceMemory(pool);
    this.runner = guarded(() -> newRunner(settings.streams()));
  }

  /**
   * An extractor on device 0's primary context.
   *
   * @throws GpuUnavailableException when no usable GPU exists ({@link GpuBackend#probe()} says why) or the
   *     parameters need more GPU shared memory than the device has (very large n_fft)
   */
  public static GpuFeatureExtractor create(FeatureParams params, Set<Feature> features) {
    return create(params, features, GpuSettings.defaults());
  }

  /**
   * As {@link #create(FeatureParams, Set)}, with explicit settings; device memory from an own
   * {@link GpuMemoryPool} capped at half the device (at most 16 GiB).
   */
  public static GpuFeatureExtractor create(FeatureParams params, Set<Feature> features, GpuSettings settings) {
    return new GpuFeatureExtractor(params, features, settings, null);
  }

  /** As {@link #create(FeatureParams, Set, GpuSettings)}, taking device memory from {@code pool} (not closed here). */
  public static GpuFeatureExtractor create(FeatureParams params, Set<Feature> features, GpuSettings settings,
                                           GpuMemoryPool pool) {
    return new GpuFeatureExtractor(params, features, settings, Objects.requireNonNull(pool, "pool"));
  }

  public FeatureParams params() {
    return params;
  }

  public Set<Feature> features() {
    return features;
  }

  public GpuCounters counters() {
    return counters;
  }

  /** Computes every clip (mono samples at {@code sampleRate}); results in clip order, as Java arrays. */
  public List<FeatureResult> computeBatch(List<float[]> clips, int sampleRate) {
    params.fmax(sampleRate);
    List<FeatureResult> out = new ArrayList<>(Collections.nCopies(clips.size(), null));
    List<Integer> gpuIdx = new ArrayList<>();
    for (int c = 0; c < clips.size(); c++) {
      float[] x = Objects.requireNonNull(clips.get(c), "clip " + c);
      if (BatchLayout.numFrames(x.length, params, c) > settings.maxFramesPerLaunch()) {
        out.set(c, longClip(x, sampleRate));
      } else {
        gpuIdx.add(c);
      }
    }
    computeWithRetry(clips, gpuIdx, sampleRate, settings.maxFramesPerLaunch(), out);
    return out;
  }

  /** A clip longer than one launch: chunked on the GPU; on out-of-memory, on the CPU. */
  private FeatureResult longClip(float[] x, int sr) {
    try {
      FeatureResult r = guarded(() -> runner.runLongClip(x, sr, settings.maxFramesPerLaunch()));
      counters.gpuBatch(1);
      return r;
    } catch (GpuOutOfMemoryException e) {
      counters.outOfMemory();
      resetRunner();
      counters.cpuFallback(1);
      return cpu().compute(x, sr);
    }
  }

  private void computeWithRetry(List<float[]> clips, List<Integer> idx, int sr, int maxFrames,
                                List<FeatureResult> out) {
    if (idx.isEmpty()) {
      return;
    }
    List<float[]> part = new ArrayList<>(idx.size());
    long[] lengths = new long[idx.size()];
    for (int i = 0; i < idx.size(); i++) {
      part.add(clips.get(idx.get(i)));
      lengths[i] = part.get(i).length;
    }
    try {
      BatchLayout layout = new BatchLayout(lengths, params, features, maxFrames);
      List<FeatureResult> r = guarded(() -> runner.run(layout, sr, null, part)).toFeatureResults();
      counters.gpuBatch(idx.size());
      for (int i = 0; i < idx.size(); i++) {
        out.set(idx.get(i), r.get(i));
      }
    } catch (GpuOutOfMemoryException e) {
      counters.outOfMemory();
      resetRunner();
      if (idx.size() > 1) {
        counters.split();
        int half = idx.size() / 2;
        int smaller = Math.max(1, maxFrames / 2);
        computeWithRetry(clips, idx.subList(0, half), sr, smaller, out);
        computeWithRetry(clips, idx.subList(half, idx.size()), sr, smaller, out);
      } else {
        counters.cpuFallback(1);
        out.set(idx.get(0), cpu().compute(clips.get(idx.get(0)), sr));
      }
    }
  }

  /**
   * Computes a batch from pinned memory into the extractor's pinned output buffer (no Java-array copies on either
   * side): the fastest path. The result is valid until the next call on this extractor.
   *
   * @throws InvalidParameterException when a clip is longer than {@link GpuSettings#maxFramesPerLaunch()} frames
   * @throws GpuOutOfMemoryException when the device or pinned memory is exhausted (no CPU fallback here: the
   *     caller owns the batch; {@link #computeBatch} is the path that never fails for memory)
   */
  public GpuBatchResult computeToHost(PinnedSamples input, int sampleRate) {
    params.fmax(sampleRate);
    BatchLayout layout = layoutOf(input.clipLengths());
    try {
      GpuBatchResult r = guarded(() -> runner.run(layout, sampleRate, input.buffer(), null));
      counters.gpuBatch(layout.numClips());
      return r;
    } catch (GpuOutOfMemoryException e) {
      counters.outOfMemory();
      resetRunner();
      throw e;
    }
  }

  /** As {@link #computeToHost(PinnedSamples, int)}, copying Java arrays through the pinned staging buffer. */
  public GpuBatchResult computeToHost(List<float[]> clips, int sampleRate) {
    params.fmax(sampleRate);
    long[] lengths = new long[clips.size()];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = clips.get(i).length;
    }
    BatchLayout layout = layoutOf(lengths);
    GpuBatchResult r = guarded(() -> runner.run(layout, sampleRate, null, clips));
    counters.gpuBatch(clips.size());
    return r;
  }

  private BatchLayout layoutOf(long[] lengths) {
    for (int c = 0; c < lengths.length; c++) {
      int frames = BatchLayout.numFrames(lengths[c], params, c);
      if (frames > settings.maxFramesPerLaunch()) {
        throw new InvalidParameterException("clip " + c, frames + " frames",
            "at most gpu.maxFramesPerLaunch = " + settings.maxFramesPerLaunch() + " frames per clip on this path");
      }
    }
    return new BatchLayout(lengths, params, features, settings.maxFramesPerLaunch());
  }

  /** Per-stage device milliseconds (h2d, stft+mel, tuning+chroma, db+mfcc, d2h) summed over profiled runs. */
  double[] stageMillis() {
    return runner.stageMillis.clone();
  }

  static String[] stageNames() {
    return BatchRunner.STAGES.clone();
  }

  void setProfile(boolean on) {
    runner.setProfile(on);
  }

  /** JCuda may run with exceptions enabled (the memory module turns them on): map them to typed errors. */
  private static <T> T guarded(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (CudaException e) {
      if (String.valueOf(e.getMessage()).contains("OUT_OF_MEMORY")) {
        throw new GpuOutOfMemoryException("a CUDA call (" + e.getMessage() + ")", -1);
      }
      throw new NoodleVisionException("CUDA call failed: " + e.getMessage()
          + ". The GPU backend cannot continue on this batch; use backend=cpu if it persists.", e);
    }
  }

  private BatchRunner newRunner(int streams) {
    return new BatchRunner(device, params, features, memory, streams, settings.float64Fft());
  }

  private void resetRunner() {
    try {
      runner.close();
    } catch (RuntimeException e) {
      // buffers of a failed batch: the pool reclaims them on close
    }
    runner = guarded(() -> newRunner(settings.streams()));
  }

  private FeaturePipeline cpu() {
    if (cpu == null) {
      cpu = new FeaturePipeline(params, features);
    }
    return cpu;
  }

  @Override
  public void close() {
    try {
      runner.close();
    } finally {
      if (cpu != null) {
        cpu.close();
      }
      if (ownPool != null) {
        ownPool.close();
      }
    }
  }
}
