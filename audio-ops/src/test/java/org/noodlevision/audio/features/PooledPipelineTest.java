package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.audio.io.ForwardingAudioStream;
import org.noodlevision.audio.io.NpyReader;
import org.noodlevision.memory.AllocationScope;
import org.noodlevision.memory.MemoryEventListener;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryPolicy;

/** The feature pipeline with a MemoryManager: real pool memory during compute, identical results, policy, fallback. */
class PooledPipelineTest {
  private static final Set<Feature> ALL = EnumSet.allOf(Feature.class);

  private static float[] tones(int n, int sr) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / sr;
      y[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 659.3 * t)
          + 0.05 * Math.sin(2 * Math.PI * 3000 * t * (1 + t)));
    }
    return y;
  }

  /** A stream that runs {@code onRead} before each read: observes the manager in the middle of a computation. */
  private static final class ObservedStream extends ForwardingAudioStream {
    private final Runnable onRead;

    ObservedStream(AudioStream in, Runnable onRead) {
      super(in);
      this.onRead = onRead;
    }

    @Override
    public int read(float[] dst, int off, int len) {
      onRead.run();
      return super.read(dst, off, len);
    }
  }

  private static void assertSameResults(FeatureResult expected, FeatureResult actual, Set<Feature> features) {
    assertEquals(expected.numFrames(), actual.numFrames(), "frames");
    assertEquals(Double.doubleToLongBits(expected.tuning()), Double.doubleToLongBits(actual.tuning()), "tuning");
    for (Feature f : features) {
      FeatureMatrix e = expected.get(f);
      FeatureMatrix a = actual.get(f);
      assertEquals(e.numBins(), a.numBins(), f + " bins");
      for (int t = 0; t < e.numFrames(); t++) {
        for (int b = 0; b < e.numBins(); b++) {
          if (Float.floatToIntBits(e.get(t, b)) != Float.floatToIntBits(a.get(t, b))) {
            throw new AssertionError(f + " differs at frame " + t + " bin " + b + ": " + e.get(t, b) + " vs "
                + a.get(t, b));
          }
        }
      }
    }
  }

  @Test
  void resultsAreBitIdenticalWithAndWithoutManagerInBothPrecisions() {
    int sr = 22050;
    float[] y = tones(sr * 3 + 77, sr);
    try (MemoryManager mm = new MemoryManager(MemoryPolicy.BALANCED)) {
      for (FeatureParams.Precision precision : FeatureParams.Precision.values()) {
        FeatureParams params = FeatureParams.builder().precision(precision).tuning(null).build();
        for (Set<Feature> features : java.util.List.of(ALL, EnumSet.of(Feature.MFCC),
            EnumSet.of(Feature.MFCC, Feature.CHROMA, Feature.POWER_SPECTROGRAM))) {
          FeatureResult heap = new FeaturePipeline(params, features).compute(y, sr);
          try (FeaturePipeline pooled = new FeaturePipeline(params, features, mm)) {
            assertSameResults(heap, pooled.compute(y, sr), features);
            // streamed with unknown length: the pooled outputs grow by re-allocation
            assertSameResults(heap, pooled.compute(() -> new FeaturePipelineTest.ArrayStream(y, sr)), features);
          }
        }
      }
      assertEquals(0, mm.getStatistics().liveBytes(), "every staging tensor is freed");
      assertEquals(0, mm.heapFallbackCount(), "a 512 MiB pool never falls back here");
    }
  }

  @Test
  void poolHoldsTheClipBuffersWhileComputingAndNothingAfter() {
    int sr = 22050;
    float[] y = tones(sr * 5, sr);
    try (MemoryManager mm = new MemoryManager(MemoryPolicy.CONSERVATIVE)) {
      long allocationsBefore = mm.getStatistics().allocationsCount();
      AtomicLong maxLiveDuringCompute = new AtomicLong();
      AtomicLong maxPoolUsageDuringCompute = new AtomicLong();
      FeatureResult result;
      try (AllocationScope scope = mm.openScope("task-7", true);
          FeaturePipeline pipeline = new FeaturePipeline(FeatureParams.defaults(), ALL, mm)) {
        result = pipeline.compute(() -> new ObservedStream(new FeaturePipelineTest.ArrayStream(y, sr), () -> {
          maxLiveDuringCompute.accumulateAndGet(mm.getStatistics().liveBytes(), Math::max);
          maxPoolUsageDuringCompute.accumulateAndGet(mm.getStatistics().cpuPool().currentUsage(), Math::max);
        }));
        assertEquals(0, mm.getStatistics().liveBytes(), "open pipeline between computations holds no pool memory");
        scope.close();
        assertTrue(scope.leakReport().isEmpty(), "nothing left to the task: " + scope.leakReport());
      }
      // the outputs of 216 frames at least (spectrogram 1025 floats per frame) were staged in the pool
      long outputBytes = 4L * result.numFrames() * (2 * 1025 + 2 * 128 + 20 + 12);
      assertTrue(maxLiveDuringCompute.get() >= outputBytes / 2, "live tensor bytes during compute "
          + maxLiveDuringCompute.get() + " vs output bytes " + outputBytes);
      assertTrue(maxPoolUsageDuringCompute.get() > 0, "CPU pool usage during compute");
      assertTrue(mm.getStatistics().allocationsCount() > allocationsBefore, "allocations counted");
      assertEquals(0, mm.getStatistics().liveTensors());
      mm.cleanup();
      assertEquals(0, mm.getStatistics().cpuPool().currentUsage(), "pool back to zero after close and cleanup");
    }
  }

  @Test
  void qualityFirstPolicyComputesInFloat64() throws IOException {
    Path dir = ReferenceData.dir();
    String stem = "triad_pluck_22050";
    DecodedAudio wav = AudioDecoders.decode(dir.resolve("audio").resolve(stem + ".wav"));
    Set<Feature> features = EnumSet.of(Feature.MEL_SPECTROGRAM, Feature.MFCC);
    FeatureParams defaults = FeatureParams.builder().nMfcc(13).build();
    try (MemoryManager mm = new MemoryManager(MemoryPolicy.QUALITY_FIRST)) {
      FeaturePipeline quality = FeaturePipelines.forCurrentThread(defaults, features, mm);
      assertEquals(FeatureParams.Precision.FLOAT64, quality.params().precision());
      assertEquals(FeatureParams.Precision.FLOAT64, new FeaturePipeline(defaults, features, mm).params().precision());
      assertSame(quality, FeaturePipelines.forCurrentThread(defaults, features, mm), "cached per thread");
      FeatureResult r = quality.compute(wav.samples(), wav.sampleRate());
      FeatureParams explicit64 = defaults.toBuilder().precision(FeatureParams.Precision.FLOAT64).build();
      assertSameResults(new FeaturePipeline(explicit64, features).compute(wav.samples(), wav.sampleRate()), r,
          features);
      FeatureResult f32 = new FeaturePipeline(defaults, features).compute(wav.samples(), wav.sampleRate());
      FeatureMatrix a = f32.get(Feature.MFCC);
      FeatureMatrix b = r.get(Feature.MFCC);
      int differing = 0;
      for (int t = 0; t < a.numFrames(); t++) {
        for (int k = 0; k < a.numBins(); k++) {
          differing += a.get(t, k) != b.get(t, k) ? 1 : 0;
        }
      }
      assertTrue(differing > a.numFrames(), "float32 MFCC differs from the policy's float64 in " + differing);
      assertCloseTo(dir, stem, "f64_mel", r.get(Feature.MEL_SPECTROGRAM), 1e-6);
      assertCloseTo(dir, stem, "f64_mfcc13", r.get(Feature.MFCC), 2e-6);
    }
    try (MemoryManager balanced = new MemoryManager(MemoryPolicy.BALANCED)) {
      assertEquals(FeatureParams.Precision.FLOAT32,
          new FeaturePipeline(defaults, features, balanced).params().precision());
    }
  }

  private static void assertCloseTo(Path dir, String stem, String ref, FeatureMatrix m, double relTol)
      throws IOException {
    NpyReader.NpyArray a = NpyReader.read(dir.resolve("expected").resolve(stem).resolve(ref + ".npy"));
    double maxRef = 0;
    double maxDiff = 0;
    for (int bin = 0; bin < a.rows(); bin++) {
      for (int t = 0; t < a.cols(); t++) {
        maxRef = Math.max(maxRef, Math.abs(a.get(bin, t)));
        maxDiff = Math.max(maxDiff, Math.abs(m.get(t, bin) - a.get(bin, t)));
      }
    }
    System.out.printf(Locale.ROOT, "QUALITY_FIRST %s: max diff %.3e of max %.3e%n", ref, maxDiff, maxRef);
    assertTrue(maxDiff <= relTol * maxRef, ref + ": " + maxDiff + " > " + relTol + " x " + maxRef);
  }

  @Test
  void exhaustedPoolFallsBackToHeapWithCorrectResultsAndCountsIt() {
    int sr = 22050;
    float[] y = tones(sr * 3, sr);
    FeatureParams params = FeatureParams.builder().tuning(null).build();
    FeatureResult heap = new FeaturePipeline(params, ALL).compute(y, sr);
    MemoryManagerConfig tiny = MemoryManagerConfig.builder().policy(MemoryPolicy.CONSERVATIVE)
        .cpuMaxSize(256L << 10).build();
    try (MemoryManager mm = new MemoryManager(tiny)) {
      AtomicLong fallbackBytes = new AtomicLong();
      mm.addListener(new MemoryEventListener() {
        @Override
        public void onHeapFallback(long bytes) {
          fallbackBytes.addAndGet(bytes);
        }
      });
      try (FeaturePipeline pipeline = new FeaturePipeline(params, ALL, mm)) {
        assertSameResults(heap, pipeline.compute(y, sr), ALL);
        assertSameResults(heap, pipeline.compute(() -> new FeaturePipelineTest.ArrayStream(y, sr)), ALL);
      }
      assertTrue(mm.heapFallbackCount() > 0, "spectrogram outputs (~530 KiB) exceed the 256 KiB pool");
      assertTrue(fallbackBytes.get() > 256L << 10, "listener saw the fallback bytes: " + fallbackBytes.get());
      assertTrue(mm.getStatistics().allocationsCount() > 0, "smaller outputs still came from the pool");
      assertEquals(0, mm.getStatistics().liveBytes());
    }
  }
}
