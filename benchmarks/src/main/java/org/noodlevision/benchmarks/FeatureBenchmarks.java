package org.noodlevision.benchmarks;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.noodlevision.audio.bench.BenchMain;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryPolicy;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One-thread feature extraction of {@code audioSeconds} of 22.05 kHz audio with librosa's default parameters.
 * Divide the reported seconds/op by {@code audioSeconds / 3600} for seconds per audio-hour.
 *
 * <ul>
 *   <li>{@code allFiveOneStft}: spectrogram, mel, log-mel, MFCC, chroma (estimated tuning) from one STFT pass;</li>
 *   <li>{@code mfccAlone}: MFCC only;</li>
 *   <li>{@code allFiveOneStftScalar}, {@code mfccAloneScalar}: the same on scalar code only
 *       ({@link FeaturePipeline#scalarOnly}); the others use the SIMD kernels, the fork adding
 *       {@code jdk.incubator.vector};</li>
 *   <li>{@code librosaLikePerFeatureStft}: the in-run baseline, the same five features the way librosa computes
 *       them, one STFT per call: stft, melspectrogram (+ power_to_db of it), mfcc, chroma_stft.</li>
 *   <li>{@code allFiveOneStftPooled}, {@code mfccAlonePooled}: the same two with a BALANCED {@link MemoryManager}
 *       (outputs staged in pool tensors, copied to the heap once per clip): the cost of computing through the
 *       executor's manager, side by side with the heap runs.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class FeatureBenchmarks {
  @Param({"60"})
  public int audioSeconds;

  private float[] samples;
  private FeaturePipeline allFive;
  private FeaturePipeline mfcc;
  private FeaturePipeline allFiveScalar;
  private FeaturePipeline mfccScalar;
  private List<FeaturePipeline> perFeature;
  private MemoryManager manager;
  private FeaturePipeline allFivePooled;
  private FeaturePipeline mfccPooled;

  @Setup
  public void setup() {
    samples = BenchMain.syntheticSignal(audioSeconds * 22050, 22050);
    FeatureParams p = FeatureParams.defaults();
    allFive = new FeaturePipeline(p, EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
        Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA));
    mfcc = new FeaturePipeline(p, EnumSet.of(Feature.MFCC));
    allFiveScalar = FeaturePipeline.scalarOnly(p, EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
        Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA));
    mfccScalar = FeaturePipeline.scalarOnly(p, EnumSet.of(Feature.MFCC));
    perFeature = List.of(
        new FeaturePipeline(p, EnumSet.of(Feature.SPECTROGRAM)),
        new FeaturePipeline(p, EnumSet.of(Feature.MEL_SPECTROGRAM, Feature.LOG_MEL_SPECTROGRAM)),
        new FeaturePipeline(p, EnumSet.of(Feature.MFCC)),
        new FeaturePipeline(p, EnumSet.of(Feature.CHROMA)));
    manager = new MemoryManager(MemoryPolicy.BALANCED);
    allFivePooled = new FeaturePipeline(p, EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
        Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA), manager);
    mfccPooled = new FeaturePipeline(p, EnumSet.of(Feature.MFCC), manager);
  }

  @TearDown
  public void tearDown() {
    manager.close();
  }

  @Benchmark
  public FeatureResult allFiveOneStftPooled() {
    return allFivePooled.compute(samples, 22050);
  }

  @Benchmark
  public FeatureResult mfccAlonePooled() {
    return mfccPooled.compute(samples, 22050);
  }

  @Benchmark
  public FeatureResult allFiveOneStft() {
    return allFive.compute(samples, 22050);
  }

  @Benchmark
  public FeatureResult mfccAlone() {
    return mfcc.compute(samples, 22050);
  }

  @Benchmark
  public FeatureResult allFiveOneStftScalar() {
    return allFiveScalar.compute(samples, 22050);
  }

  @Benchmark
  public FeatureResult mfccAloneScalar() {
    return mfccScalar.compute(samples, 22050);
  }

  @Benchmark
  public int librosaLikePerFeatureStft() {
    int frames = 0;
    for (FeaturePipeline p : perFeature) {
      frames += p.compute(samples, 22050).numFrames();
    }
    return frames;
  }
}
