package org.noodlevision.audio.features;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.dsp.StftFramer;
import org.noodlevision.audio.io.AudioStream;

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
 * <p>Not thread-safe: it owns fixed working buffers; use one per thread (see {@link FeaturePipelines}).
 */
public final class FeaturePipeline implements AutoCloseable {
  private static final int READ_CHUNK = 1 << 14;
  private static final int MAX_KERNELS = 4;

  private final FeatureParams params;
  private final Set<Feature> features;
  private final StftFramer framer;
  private final float[] readBuffer = new float[READ_CHUNK];
  private FrameKernel kernel;
  private final Map<SpectralSetup, FrameKernel> recentKernels = new LinkedHashMap<>(8, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<SpectralSetup, FrameKernel> eldest) {
      return size() > MAX_KERNELS;
    }
  };

  public FeaturePipeline(FeatureParams params, Set<Feature> features) {
    this.params = Objects.requireNonNull(params, "params");
    Objects.requireNonNull(features, "features");
    if (features.isEmpty()) {
      throw new InvalidParameterException("features", "(none)", "at least one of spectrogram, power_spectrogram, "
          + "mel_spectrogram, log_mel_spectrogram, mfcc, chroma");
    }
    this.features = Collections.unmodifiableSet(EnumSet.copyOf(features));
    this.framer = new StftFramer(params.nFft(), params.hopLength(), params.center(),
        params.padMode() == FeatureParams.PadMode.REFLECT);
  }

  public FeatureParams params() {
    return params;
  }

  public Set<Feature> features() {
    return features;
  }

  /** Computes the requested features of mono {@code samples} at {@code sampleRate}. */
  public FeatureResult compute(float[] samples, int sampleRate) {
    Objects.requireNonNull(samples, "samples");
    FrameKernel k = kernelFor(sampleRate);
    checkLength(samples.length, "samples");
    checkFinite(samples, 0, samples.length, 0, "samples");
    long frames = StftFramer.numFrames(samples.length, params.nFft(), params.hopLength(), params.center());
    PipelineRun run = new PipelineRun(k, features, frames, true);
    framer.reset();
    framer.push(samples, 0, samples.length, (i, buf, off) -> run.pass1(buf, off));
    framer.finish((i, buf, off) -> run.pass1(buf, off));
    run.endPass1();
    if (run.needsPass2()) {
      framer.reset();
      framer.push(samples, 0, samples.length, (i, buf, off) -> run.pass2(buf, off));
      framer.finish((i, buf, off) -> run.pass2(buf, off));
    }
    return run.result();
  }

  /**
   * Computes the features of a clip read once, incrementally, through fixed buffers. MFCC keeps the clip's log-mel
   * rows ({@code 4 n_mels} bytes per frame) until the top_db floor is known; chroma needs a fixed tuning here
   * (estimation needs a second pass: use {@link #compute(Supplier)}). The stream is not closed.
   *
   * @throws InvalidParameterException when chroma with estimated tuning is requested
   */
  public FeatureResult compute(AudioStream stream) {
    Objects.requireNonNull(stream, "stream");
    if (features.contains(Feature.CHROMA) && params.tuning() == null) {
      throw new InvalidParameterException("tuning", "auto (estimated) for the one-pass stream " + stream.source(),
          "a fixed tuning in [-0.5, 0.5) for a one-pass stream, or a re-openable source "
              + "(FeaturePipeline.compute(Supplier<AudioStream>)) for estimated tuning");
    }
    FrameKernel k = kernelFor(stream.sampleRate());
    PipelineRun run = new PipelineRun(k, features, expectedFrames(stream), true);
    streamPass(stream, run, true);
    run.endPass1();
    return run.result();
  }

  /**
   * Computes the features of a re-openable clip in bounded working memory: pass 1 reads it once; when MFCC (after
   * the clip-wide top_db floor) or chroma with estimated tuning are requested, it is opened again for pass 2. Only
   * the outputs and the pitch candidates of tuning estimation grow with the clip. Each opened stream is closed.
   */
  public FeatureResult compute(Supplier<? extends AudioStream> source) {
    Objects.requireNonNull(source, "source");
    PipelineRun run;
    try (AudioStream first = source.get()) {
      FrameKernel k = kernelFor(first.sampleRate());
      run = new PipelineRun(k, features, expectedFrames(first), false);
      streamPass(first, run, true);
    }
    run.endPass1();
    if (run.needsPass2()) {
      try (AudioStream second = source.get()) {
        streamPass(second, run, false);
      }
    }
    return run.result();
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
    long declared = stream.declaredNumSamples();
    // a header is never trusted for allocation: start small, grow with what is actually read
    long cap = declared < 0 ? 0 : Math.min(declared, 1L << 20);
    return Math.max(1, StftFramer.numFrames(cap, params.nFft(), params.hopLength(), params.center()));
  }

  private FrameKernel kernelFor(int sampleRate) {
    SpectralSetup setup = SpectralSetup.of(params, sampleRate);
    if (kernel == null || kernel.setup() != setup) {
      // clips of a few sample rates alternate in practice: keep their kernels (buffers, FFT plan) around
      kernel = recentKernels.computeIfAbsent(setup, FrameKernel::new);
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

  private static void checkFinite(float[] x, int off, int len, long base, String source) {
    for (int i = off; i < off + len; i++) {
      if (!Float.isFinite(x[i])) {
        throw new InvalidParameterException("samples", x[i] + " at sample " + (base + i - off) + " of " + source,
            "finite sample values (librosa rejects non-finite audio)");
      }
    }
  }

  @Override
  public void close() {
    kernel = null;
    recentKernels.clear();
  }
}
