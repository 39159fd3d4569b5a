package org.noodlevision.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.memory.GpuMemoryPool;

/**
 * Computes the features of a batch of clips (one sample rate) on the backend that {@link ComputeBackend} picks for
 * that batch: the Spark-free part of the Spark paths' GPU selection, so that it can run and be compared with the
 * CPU path on a GPU machine without Spark.
 *
 * <ul>
 *   <li>{@code cpu}: each clip through the given {@link CpuCompute} (the Spark side passes its single compute
 *       point, so CPU results and metrics are those of the per-row path);</li>
 *   <li>{@code gpu}: the batch through {@link GpuFeatureExtractor#computeBatch}; without a usable GPU,
 *       {@link #create} already throws a {@link GpuUnavailableException} naming the setting;</li>
 *   <li>{@code auto}: the GPU when {@link GpuBackend#probe()} finds one and the batch holds at least
 *       {@link GpuSettings#minGpuBatchSamples()} samples, else the CPU. If the GPU extractor cannot be created
 *       (e.g. too little device memory), auto stays on the CPU from then on.</li>
 * </ul>
 *
 * A GPU out-of-memory error splits the batch and retries, then computes single clips on the CPU
 * ({@link GpuFeatureExtractor}); {@link #gpuCounters()} counts both. Not thread-safe: one per thread.
 */
public final class ClipBatchComputer implements AutoCloseable {
  /** The CPU computation of one clip. */
  @FunctionalInterface
  public interface CpuCompute {
    FeatureResult compute(float[] samples, int sampleRate);
  }

  private final String setting;
  private final ComputeBackend backend;
  private final FeatureParams params;
  private final Set<Feature> features;
  private final GpuSettings settings;
  private final CpuCompute cpu;
  private final GpuBackend.Probe probe;
  private final Supplier<GpuMemoryPool> pool;
  private final GpuCounters counters = new GpuCounters();
  private GpuFeatureExtractor gpu;
  private boolean gpuBroken;
  private long gpuNanos;
  private long cpuClips;
  private ComputeBackend lastBackend;

  private ClipBatchComputer(String setting, ComputeBackend backend, FeatureParams params, Set<Feature> features,
                            GpuSettings settings, CpuCompute cpu, GpuBackend.Probe probe,
                            Supplier<GpuMemoryPool> pool) {
    this.setting = setting;
    this.backend = backend;
    this.params = Objects.requireNonNull(params, "params");
    this.features = Collections.unmodifiableSet(EnumSet.copyOf(features));
    this.settings = Objects.requireNonNull(settings, "settings");
    this.cpu = Objects.requireNonNull(cpu, "cpu");
    this.probe = Objects.requireNonNull(probe, "probe");
    this.pool = pool;
    if (backend == ComputeBackend.GPU && !probe.available()) {
      throw unavailable(probe.reason());
    }
  }

  /**
   * A computer for the backend named {@code backendName} ({@code auto|cpu|gpu}) of the setting {@code setting}
   * (named in errors), probing this machine's GPU.
   *
   * @throws org.noodlevision.InvalidParameterException when {@code backendName} is not auto, cpu or gpu
   * @throws GpuUnavailableException when it is gpu and no usable GPU exists; the message names {@code setting}
   */
  public static ClipBatchComputer create(String setting, String backendName, FeatureParams params,
                                         Set<Feature> features, GpuSettings settings, CpuCompute cpu) {
    return create(setting, backendName, params, features, settings, cpu, GpuBackend.probe(), null);
  }

  /**
   * As {@link #create(String, String, FeatureParams, Set, GpuSettings, CpuCompute)} with a given probe result and,
   * when {@code pool} is not null, device memory from the pool it supplies (not closed here).
   */
  public static ClipBatchComputer create(String setting, String backendName, FeatureParams params,
                                         Set<Feature> features, GpuSettings settings, CpuCompute cpu,
                                         GpuBackend.Probe probe, Supplier<GpuMemoryPool> pool) {
    return new ClipBatchComputer(setting, ComputeBackend.fromName(setting, backendName), params, features,
        settings, cpu, probe, pool);
  }

  /** The backend this computer will use for a batch of {@code batchSamples} samples: CPU or GPU. */
  public ComputeBackend backendFor(long batchSamples) {
    if (gpuBroken && backend == ComputeBackend.AUTO) {
      return ComputeBackend.CPU;
    }
    try {
      return backend.resolve(probe, batchSamples, settings.minGpuBatchSamples());
    } catch (GpuUnavailableException e) {
      throw unavailable(probe.reason());
    }
  }

  /** Computes every clip (mono, at {@code sampleRate}); results in clip order. */
  public List<FeatureResult> compute(List<float[]> clips, int sampleRate) {
    long total = 0;
    for (float[] c : clips) {
      total += c.length;
    }
    ComputeBackend chosen = backendFor(total);
    if (chosen == ComputeBackend.GPU && gpu == null) {
      try {
        gpu = pool == null ? GpuFeatureExtractor.create(params, features, settings)
            : GpuFeatureExtractor.create(params, features, settings, pool.get());
      } catch (GpuUnavailableException e) {
        if (backend == ComputeBackend.GPU) {
          throw new GpuUnavailableException(e.getMessage() + " (" + setting + "=gpu)", e);
        }
        gpuBroken = true;
        chosen = ComputeBackend.CPU;
      }
    }
    lastBackend = chosen;
    if (chosen == ComputeBackend.GPU) {
      long start = System.nanoTime();
      try {
        return gpu.computeBatch(clips, sampleRate);
      } finally {
        gpuNanos += System.nanoTime() - start;
      }
    }
    List<FeatureResult> out = new ArrayList<>(clips.size());
    for (float[] c : clips) {
      out.add(cpu.compute(c, sampleRate));
    }
    cpuClips += clips.size();
    return out;
  }

  /** The backend of the last {@link #compute} call (CPU or GPU), null before the first. */
  public ComputeBackend lastBackend() {
    return lastBackend;
  }

  /** The configured backend (auto, cpu or gpu). */
  public ComputeBackend backend() {
    return backend;
  }

  /** Wall nanoseconds spent in GPU batches (CPU fallbacks inside them included). */
  public long gpuNanos() {
    return gpuNanos;
  }

  /** Clips computed on the CPU because the batch went to the CPU (GPU fallbacks are in {@link #gpuCounters()}). */
  public long cpuClips() {
    return cpuClips;
  }

  /** What ran on the GPU, out-of-memory splits and CPU fallbacks; all zero when the GPU was never used. */
  public GpuCounters gpuCounters() {
    return gpu == null ? counters : gpu.counters();
  }

  private GpuUnavailableException unavailable(String reason) {
    return new GpuUnavailableException(setting + "=gpu was requested but no usable GPU exists here: " + reason
        + ". Set " + setting + " to auto (GPU when present, else CPU) or cpu on machines without a CUDA GPU.");
  }

  @Override
  public void close() {
    if (gpu != null) {
      gpu.close();
      gpu = null;
    }
  }
}
