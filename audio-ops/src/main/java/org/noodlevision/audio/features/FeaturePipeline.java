package org.noodlevision.audio.features;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.dsp.StftFramer;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.memory.MemoryManager;

/**
 * Computes any subset of {@link Feature}s of a clip from a single STFT pass, with librosa 0.11's definitions.
 * Outputs are time-major {@code [frame][bin]}, the transpose of librosa's arrays.
 *
 * <p>Working memory is fixed per instance (frame, FFT and per-frame feature buffers; filter banks are shared
 * through a process-wide cache per parameters and sample rate); only the output matrices grow with the clip.
 * Clip-wide statistics are handled as follows:
 * <ul>
 *   <li>log-mel's {@code top_db} floor (maximum over the whole clip): log-mel rows are floored in place at the end;
 *       MFCC is computed from the floored rows (kept for the clip when log-mel itself is not requested), or, with a
 *       re-openable source ({@link #compute(Supplier)}), in a second pass that keeps nothing per frame.</li>
 *   <li>chroma with estimated tuning: pass 1 keeps only piptrack's pitch candidates (5 bytes each, see
 *       {@link org.noodlevision.audio.dsp.TuningEstimator}); chroma is then computed from the (float32) spectrogram or
 *       power output when that is requested, otherwise by a second STFT pass over the samples (array input) or
 *       over the re-opened source. A one-shot {@link AudioStream} cannot be read twice: {@link #compute(AudioStream)}
 *       then requires a fixed tuning.</li>
 * </ul>
 *
 * <p><b>With a {@link MemoryManager}</b> ({@link #FeaturePipeline(FeatureParams, Set, MemoryManager)}) the memory
 * that grows with the clip (the output matrices while they are built, the log-mel rows kept for MFCC) lives in CPU
 * tensors of the manager's pool, attributed to the calling thread's current owner (a Spark task), and is freed
 * before {@code compute} returns, normally or by an exception: results are copied to the heap once at the end
 * ({@link FeatureMatrix} holds a {@code float[]}). The pipeline keeps no pool memory between calls, so a pipeline
 * cached per thread and reused by later tasks never holds memory of a finished task. The fixed per-frame buffers
 * (FFT, window, mel/DCT rows: a few KiB) stay on the heap, where the hot loops run on plain arrays. When the pool
 * stays exhausted for about 15 ms, a buffer falls back to the heap and the manager counts it
 * ({@link MemoryManager#heapFallbackCount()}, {@link org.noodlevision.memory.MemoryEventListener#onHeapFallback});
 * the computation never fails for it. Results are bit-identical with and without a manager.
 *
 * <p><b>Working precision</b>: the manager's policy can raise it. When
 * {@link MemoryManager#workingPrecision()} is {@code FLOAT64} (the QUALITY_FIRST policy), the pipeline computes in
 * float64 whatever the params say; otherwise the params' precision applies. The stricter precision wins: a caller
 * cannot force float32 under QUALITY_FIRST (choose another policy for librosa's float32). {@link #params()} returns
 * the parameters in effect. The policy is read when the pipeline is built.
 *
 * <p><b>SIMD</b>: when the JVM runs with {@code --add-modules jdk.incubator.vector} (and the system property
 * {@code noodlevision.simd} is not {@code false}), float32 work runs on {@link SimdKernels}: the STFT of 16 frames at
 * a time, one per vector lane (float64 FFT rounded to complex64, as the scalar code and librosa), and float32 vector
 * dot products for mel, DCT and chroma. Results differ from the scalar code's by float32 summation order only, far
 * inside librosa's tolerances (both paths are tested against librosa). FFT
 * sizes whose half is not a power of two, float64 and mel powers other than 1 and 2 use the scalar STFT.
 *
 * <p>Not thread-safe: it owns fixed working buffers; use one per thread (see {@link FeaturePipelines}).
 */
public final class FeaturePipeline implements AutoCloseable {
  private static final int READ_CHUNK = 1 << 14;
  private static final int MAX_KERNELS = 4;

  private final FeatureParams params;
  private final Set<Feature> features;
  private final StftFramer framer;
  private final StagingMemory memory;
  /** The SIMD kernels for float32 work, or null for scalar code only. */
  private final SimdKernels simd;
  private final float[] readBuffer = new float[READ_CHUNK];
  private FrameKernel kernel;
  private final Map<SpectralSetup, FrameKernel> recentKernels = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<SpectralSetup, FrameKernel> eldest) {
      return size() > MAX_KERNELS;
    }
  };

  /** A pipeline whose buffers all live on the Java heap, computing in {@code params.precision()}. */
  public FeaturePipeline(FeatureParams params, Set<Feature> features) {
    this(params, features, StagingMemory.HEAP, SimdKernels.available());
  }

  /**
   * A pipeline whose clip-sized buffers come from {@code manager}'s CPU pool (see the class comment), in the
   * precision of {@link #effectiveParams(FeatureParams, MemoryManager)}. A null manager means the heap.
   */
  public FeaturePipeline(FeatureParams params, Set<Feature> features, MemoryManager manager) {
    this(effectiveParams(params, manager), features, manager == null ? StagingMemory.HEAP : new StagingMemory(manager),
        SimdKernels.available());
  }

  /**
   * A heap pipeline on scalar code only, whatever the JVM offers: the same results within float32 summation order,
   * for comparing the two code paths (tests, benchmarks).
   */
  public static FeaturePipeline scalarOnly(FeatureParams params, Set<Feature> features) {
    return new FeaturePipeline(params, features, StagingMemory.HEAP, null);
  }

  private FeaturePipeline(FeatureParams params, Set<Feature> features, StagingMemory memory, SimdKernels simd) {
    this.params = Objects.requireNonNull(params, "params");
    this.memory = memory;
    this.simd = simd;
    Objects.requireNonNull(features, "features");
    if (features.isEmpty()) {
      throw new InvalidParameterException("features", "(none)", "at least one of spectrogram, power_spectrogram, "
          + "mel_spectrogram, log_mel_spectrogram, mfcc, chroma");
    }
    this.features = Collections.unmodifiableSet(EnumSet.copyOf(features));
    this.framer = new StftFramer(params.nFft(), params.hopLength(), params.center(),
        params.padMode() == FeatureParams.PadMode.REFLECT);
  }

  /**
   * The parameters a pipeline built with {@code manager} computes with: {@code params}, in float64 when the manager's
   * policy asks for it ({@link MemoryManager#workingPrecision()}); {@code params} itself for a null manager.
   */
  public static FeatureParams effectiveParams(FeatureParams params, MemoryManager manager) {
    Objects.requireNonNull(params, "params");
    if (manager != null && manager.workingPrecision() == FeatureParams.Precision.FLOAT64
        && params.precision() != FeatureParams.Precision.FLOAT64) {
      return params.toBuilder().precision(FeatureParams.Precision.FLOAT64).build();
    }
    return params;
  }

  /** The parameters in effect (with the precision a manager's policy may have raised). */
  public FeatureParams params() {
    return params;
  }

  public Set<Feature> features() {
    return features;
  }

  /**
   * Computes the requested features of mono {@code samples} at {@code sampleRate}.
   *
   * @throws FeatureMemoryException when the outputs fit neither the pool nor the heap (the clip fails alone)
   */
  public FeatureResult compute(float[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    FrameKernel k = kernelFor(sampleRate);
    checkLength(samples.length, "samples");
    checkFinite(samples, 0, samples.length, 0, "samples");
    long frames = StftFramer.numFrames(samples.length, params.nFft(), params.hopLength(), params.center());
    PipelineRun run = new PipelineRun(k, features, frames, true, memory);
    try {
      framer.reset();
      framer.push(samples, 0, samples.length, (i, buf, off) -> run.pass1(buf, off));
      framer.finish((i, buf, off) -> run.pass1(buf, off));
      run.endPass1();
      if (run.needsPass2()) {
        framer.reset();
        framer.push(samples, 0, samples.length, (i, buf, off) -> run.pass2(buf, off));
        framer.finish((i, buf, off) -> run.pass2(buf, off));
        run.endPass2();
      }
      return run.result();
    } finally {
      run.release();
    }
  }

  /**
   * Computes the features of a clip read once, incrementally, through fixed buffers. MFCC keeps the clip's log-mel
   * rows ({@code 4 n_mels} bytes per frame) until the top_db floor is known; chroma needs a fixed tuning here
   * (estimation needs a second pass: use {@link #compute(Supplier)}). The stream is not closed.
   *
   * @throws InvalidParameterException when chroma with estimated tuning is requested
   * @throws FeatureMemoryException when the outputs fit neither the pool nor the heap (its message names the clip)
   */
  public FeatureResult compute(AudioStream stream) {
    Objects.requireNonNull(stream, "stream");
    if (features.contains(Feature.CHROMA) && params.tuning() == null) {
      throw new InvalidParameterException("tuning", "auto (estimated) for the one-pass stream " + stream.source(),
          "a fixed tuning in [-0.5, 0.5) for a one-pass stream, or a re-openable source "
              + "(FeaturePipeline.compute(Supplier<AudioStream>)) for estimated tuning");
    }
    FrameKernel k = kernelFor(stream.sampleRate());
    PipelineRun run = null;
    try {
      run = new PipelineRun(k, features, expectedFrames(stream), true, memory);
      streamPass(stream, run, true);
      run.endPass1();
      return run.result();
    } catch (FeatureMemoryException e) {
      throw e.naming(stream.source());
    } finally {
      if (run != null) {
        run.release();
      }
    }
  }

  /**
   * Computes the features of a re-openable clip in bounded working memory: pass 1 reads it once; when MFCC (after
   * the clip-wide top_db floor) or chroma with estimated tuning are requested, it is opened again for pass 2. Only
   * the outputs and the pitch candidates of tuning estimation grow with the clip. Each opened stream is closed.
   *
   * @throws FeatureMemoryException when the outputs fit neither the pool nor the heap (its message names the clip)
   */
  public FeatureResult compute(Supplier<? extends AudioStream> source) {
    Objects.requireNonNull(source, "source");
    PipelineRun run = null;
    String name = null;
    try {
      try (AudioStream first = source.get()) {
        name = first.source();
        FrameKernel k = kernelFor(first.sampleRate());
        run = new PipelineRun(k, features, expectedFrames(first), false, memory);
        streamPass(first, run, true);
      }
      run.endPass1();
      if (run.needsPass2()) {
        try (AudioStream second = source.get()) {
          streamPass(second, run, false);
        }
        run.endPass2();
      }
      return run.result();
    } catch (FeatureMemoryException e) {
      throw name == null ? e : e.naming(name);
    } finally {
      if (run != null) {
        run.release();
      }
    }
  }

  private void streamPass(AudioStream stream, PipelineRun run, boolean first) {
    framer.reset();
    long total = 0;
    while (true) {
      int n = stream.read(readBuffer, 0, readBuffer.length);
      if (n < 0) {
        break;
      }
      checkFinite(readBuffer, 0, n, total, stream.source());
      total += n;
      if (first) {
        framer.push(readBuffer, 0, n, (i, buf, off) -> run.pass1(buf, off));
      } else {
        framer.push(readBuffer, 0, n, (i, buf, off) -> run.pass2(buf, off));
      }
    }
    checkLength(total, stream.source());
    if (first) {
      framer.finish((i, buf, off) -> run.pass1(buf, off));
    } else {
      framer.finish((i, buf, off) -> run.pass2(buf, off));
    }
  }

  private long expectedFrames(AudioStream stream) {
    long sizing = stream.sizingNumSamples();
    if (sizing >= 0) {
      // the input's bytes hold this many (exactly for a WAV, plausibly for a FLAC): outputs are allocated once, at
      // their size (growing a long clip's outputs from a small start allocated ~4.6 times their size, and the kernel
      // zeroing those pages cost more than the features)
      return Math.max(1, StftFramer.numFrames(sizing, params.nFft(), params.hopLength(), params.center()));
    }
    long declared = stream.declaredNumSamples();
    // a header is never trusted for allocation: start small, grow with what is actually read
    long cap = declared < 0 ? 0 : Math.min(declared, 1L << 20);
    return Math.max(1, StftFramer.numFrames(cap, params.nFft(), params.hopLength(), params.center()));
  }

  private FrameKernel kernelFor(int sampleRate) {
    SpectralSetup setup = SpectralSetup.of(params, sampleRate);
    if (kernel == null || kernel.setup() != setup) {
      // clips of a few sample rates alternate in practice: keep their kernels (buffers, FFT plan) around
      kernel = recentKernels.computeIfAbsent(setup, s -> new FrameKernel(s, simd));
    }
    return kernel;
  }

  private void checkLength(long numSamples, String source) {
    if (!params.center() && numSamples < params.nFft()) {
      throw new InvalidParameterException("n_fft", params.nFft(), "at most the clip length (" + numSamples
          + " samples in " + source + ") when center=false");
    }
    if (params.center() && params.padMode() == FeatureParams.PadMode.REFLECT && numSamples == 0) {
      throw new InvalidParameterException("pad_mode", "reflect", "constant for an empty clip (" + source + ")");
    }
  }

  private void checkFinite(float[] x, int off, int len, long base, String source) {
    int bad = -1;
    if (simd != null) {
      bad = simd.firstNonFinite(x, off, len);
    } else {
      for (int i = 0; i < len && bad < 0; i++) {
        bad = Float.isFinite(x[off + i]) ? -1 : i;
      }
    }
    if (bad >= 0) {
      throw new InvalidParameterException("samples", x[off + bad] + " at sample " + (base + bad) + " of " + source,
          "finite sample values (librosa rejects non-finite audio)");
    }
  }

  @Override
  public void close() {
    kernel = null;
    recentKernels.clear();
  }
}
