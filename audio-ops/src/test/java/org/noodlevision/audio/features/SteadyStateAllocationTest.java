package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.dsp.SimdKernels;

/**
 * Nothing is allocated per frame in steady state: the bytes a compute allocates beyond its output matrices do not
 * grow with the clip (measured with the JVM's per-thread allocation counter), in this JVM and in fresh ones.
 */
class SteadyStateAllocationTest {
  /**
   * Fresh JVMs for {@link #inFreshJvms}. When C2 of JDK 17 loses a vector's exact class in a SIMD kernel, the Vector
   * API's allocating fallback runs; it happens in some JVMs only, depending on the order and timing of compilations,
   * so a few fresh JVMs catch what this one's history may hide. A guard, not a proof: with the first version of the
   * fused FFT (d06a744) the child failed in 1 of 10 JVMs pinned to one core and in none of 12 on two.
   */
  private static final int FRESH_JVMS = 3;

  @Test
  void allocationBeyondOutputsDoesNotGrowWithClipLength() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter not available");
    String failure = check((com.sun.management.ThreadMXBean) bean);
    assertTrue(failure == null, failure);
  }

  @Test
  void inFreshJvms(@TempDir Path dir) throws Exception {
    assumeTrue(SimdKernels.available() != null, "jdk.incubator.vector is not in this JVM");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    for (int i = 0; i < FRESH_JVMS; i++) {
      Path log = dir.resolve("child-" + i + ".log");
      Process child = new ProcessBuilder(List.of(java, "--add-modules=jdk.incubator.vector", "-cp",
          System.getProperty("java.class.path"), SteadyStateAllocationTest.class.getName()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertEquals(true, child.waitFor(120, TimeUnit.SECONDS), "fresh JVM " + i + " finished");
      assertEquals(0, child.exitValue(), "fresh JVM " + i + ": " + Files.readString(log));
    }
  }

  /**
   * A fresh JVM's check, on the workload that showed the FFT's fallback: the default five features (estimated
   * tuning) and MFCC alone, alternating on a 60 s clip, then what one five-feature compute allocates beyond its
   * outputs (the tuning estimate's candidate store, a few hundred KB, is expected; the fallback allocated ~57 MB).
   * Exits 1 with the figures when it is more than 2 MB.
   */
  public static void main(String[] args) {
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    float[] clip = org.noodlevision.audio.bench.BenchMain.syntheticSignal(22050 * 60, 22050);
    FeaturePipeline all = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.SPECTROGRAM,
        Feature.MEL_SPECTROGRAM, Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA));
    FeaturePipeline mfcc = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.MFCC));
    for (int i = 0; i < 60; i++) {
      all.compute(clip, 22050);
      mfcc.compute(clip, 22050);
    }
    long beyond = overhead(mx, all, clip);
    String failure = beyond < 2L << 20 ? null
        : "a five-feature compute of 60 s allocated " + beyond + " bytes beyond its outputs";
    System.out.println(failure == null ? "allocated beyond outputs: " + beyond + " bytes" : failure);
    System.exit(failure == null ? 0 : 1);
  }

  /** Null when the allocation beyond the outputs does not grow with the clip, else what grew. */
  private static String check(com.sun.management.ThreadMXBean mx) {
    FeatureParams params = FeatureParams.builder().tuning(0.0).build();
    FeaturePipeline p = new FeaturePipeline(params, EnumSet.allOf(Feature.class));
    float[] shortClip = org.noodlevision.audio.bench.BenchMain.syntheticSignal(22050 * 10, 22050);
    float[] longClip = org.noodlevision.audio.bench.BenchMain.syntheticSignal(22050 * 40, 22050);
    // warm up the JIT so the measurement sees steady-state code: the SIMD kernels allocate their vectors until C2
    // compiles them, so run until two runs in a row allocate the same (at most 10 s of warm-up)
    long previous = overhead(mx, p, shortClip);
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
      long now = overhead(mx, p, shortClip);
      if (i >= 3 && Math.abs(now - previous) < 4 * 1024) {
        break;
      }
      previous = now;
    }
    // per-frame allocation shows in every attempt, however long the JIT has had; code still waiting for C2 (a
    // method recompiled after a deoptimization runs C1 code, which allocates its vectors, for thousands of calls, and
    // two such runs in a row allocate alike) stops allocating within the attempts' 20 s
    long growth = Long.MAX_VALUE;
    String detail = "";
    long attemptsDeadline = System.nanoTime() + 20_000_000_000L;
    for (int attempt = 0; (attempt < 3 || System.nanoTime() < attemptsDeadline) && growth >= 64 * 1024; attempt++) {
      long overheadShort = overhead(mx, p, shortClip);
      long overheadLong = overhead(mx, p, longClip);
      if (overheadLong - overheadShort < growth) {
        growth = overheadLong - overheadShort;
        detail = "short clip " + overheadShort + ", long clip " + overheadLong;
      }
    }
    long frames = (longClip.length - shortClip.length) / 512;
    return growth < 64 * 1024 ? null
        : "allocation beyond outputs grew by " + growth + " bytes for " + frames + " more frames (" + detail + ")";
  }

  private static long overhead(com.sun.management.ThreadMXBean mx, FeaturePipeline p, float[] clip) {
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    FeatureResult r = p.compute(clip, 22050);
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    long outputs = 0;
    for (FeatureMatrix m : r.features().values()) {
      outputs += 16 + 4L * m.data().length;
    }
    return allocated - outputs;
  }
}
