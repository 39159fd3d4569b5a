package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Nothing is allocated per frame in steady state: the bytes a compute allocates beyond its output matrices do not
 * grow with the clip (measured with the JVM's per-thread allocation counter).
 */
class SteadyStateAllocationTest {
  @Test
  void allocationBeyondOutputsDoesNotGrowWithClipLength() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "per-thread allocation counter not available");
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
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
    assertTrue(growth < 64 * 1024,
        "allocation beyond outputs grew by " + growth + " bytes for " + frames + " more frames (" + detail + ")");
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
