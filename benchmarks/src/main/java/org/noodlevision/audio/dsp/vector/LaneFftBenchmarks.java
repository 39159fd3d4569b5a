package org.noodlevision.audio.dsp.vector;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SIMD engine's complex FFT ({@link BlockedLaneFft}: {@link BlockedLaneFft#LANES} sequences at once, float64) by
 * size, nanoseconds per transform of all lanes. A 2048-sample real frame is one lane of the 1024-point transform.
 * Sizes whose four buffers fit in L1 (64 points: 32 KiB) against sizes that stream through L2 (256, 1024) show what
 * the memory hierarchy costs per butterfly; {@link VectorPeakBenchmarks} gives the core's arithmetic peak to compare
 * with. This class lives in the engine's package (split package in the benchmarks jar) for package-private access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LaneFftBenchmarks {
  @Param({"64", "256", "1024"})
  public int points;

  private BlockedLaneFft fft;

  @Setup
  public void setup() {
    fft = new BlockedLaneFft(points);
    Random random = new Random(1);
    fft.realign();
    double[] buffer = fft.buffer();
    for (int t = 0; t < points; t++) {
      for (int i = 0; i < BlockedLaneFft.ELEMENT; i++) {
        buffer[fft.inputIndex(t) + i] = random.nextGaussian();
      }
    }
  }

  /**
   * One transform of all lanes. It runs on its own output of the previous call: the values grow by sqrt(points) per
   * call, which leaves float64's range only after hundreds of calls, and then as infinities that cost the same time.
   */
  @Benchmark
  public double transform() {
    fft.transform();
    return fft.buffer()[fft.outputIndex(1)];
  }
}
