package org.noodlevision.audio.dsp;

import java.util.concurrent.TimeUnit;
import org.noodlevision.audio.bench.BenchMain;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The STFT's per-frame hot path alone: Hann window + real FFT of 2048 samples (librosa's default n_fft) of
 * {@value #FRAMES} hop-512 frames, microseconds per frame. {@code stockhamRealFft} is the engine's plan,
 * {@code legacyRadix2RealFft} the previous one ({@link LegacyRealFft}, a frozen copy: bit-reversed radix-2^2, separate
 * window pass), so that both are measured in the same run. This class lives in the DSP package (split package in the
 * benchmarks jar) for package-private access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
public class FftBenchmarks {
  static final int FRAMES = 64;
  private static final int N_FFT = 2048;
  private static final int HOP = 512;

  private float[] samples;
  private double[] window;
  private RealFft stockham;
  private LegacyRealFft legacy;
  private double[] re;
  private double[] im;

  @Setup
  public void setup() {
    samples = BenchMain.syntheticSignal(N_FFT + HOP * FRAMES, 22050);
    window = Windows.hannPeriodicCentered(N_FFT, N_FFT);
    stockham = new RealFft(N_FFT);
    legacy = new LegacyRealFft(N_FFT);
    re = new double[N_FFT / 2 + 1];
    im = new double[N_FFT / 2 + 1];
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public double stockhamRealFft() {
    return run(stockham);
  }

  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public double legacyRadix2RealFft() {
    return run(legacy);
  }

  private double run(RealFft fft) {
    double acc = 0;
    for (int f = 0; f < FRAMES; f++) {
      fft.transformWindowed(samples, f * HOP, window, re, im);
      acc += re[f] + im[f + 1];
    }
    return acc;
  }

  private double run(LegacyRealFft fft) {
    double acc = 0;
    for (int f = 0; f < FRAMES; f++) {
      fft.transformWindowed(samples, f * HOP, window, re, im);
      acc += re[f] + im[f + 1];
    }
    return acc;
  }
}
