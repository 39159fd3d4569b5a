package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.bench.BenchMain;
import org.noodlevision.audio.dsp.SimdKernels;

/**
 * The same clip gives the same bits whatever the JIT did with the SIMD kernels: a child JVM limited to C1
 * ({@code -XX:TieredStopAtLevel=1}), where every Vector API operation runs its Java fallback, must produce exactly
 * what this JVM produces with C2's intrinsics. The kernels avoid the operations whose fallback may compute
 * differently (lane sums in unspecified order, the SVML log10), so that results never depend on the JIT's state.
 */
class JitIndependentResultsTest {
  private static final int SECONDS = 2;

  @Test
  void c1FallbackGivesTheBitsOfC2Intrinsics(@TempDir Path dir) throws Exception {
    assumeTrue(SimdKernels.available() != null, "jdk.incubator.vector is not in this JVM");
    Path out = dir.resolve("c1.bin");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1", "--add-modules=jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), JitIndependentResultsTest.class.getName(), out.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    assertEquals(true, child.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
    assertEquals(0, child.exitValue(), Files.readString(dir.resolve("child.log")));

    FeatureResult here = null;
    try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.allOf(Feature.class))) {
      for (int i = 0; i < 20; i++) { // C2 compiles the kernels
        here = p.compute(clip(), 22050);
      }
    }
    try (DataInputStream in = new DataInputStream(Files.newInputStream(out))) {
      assertEquals(here.tuning(), in.readDouble(), 0.0, "tuning");
      for (Feature f : EnumSet.allOf(Feature.class)) {
        float[] expected = new float[in.readInt()];
        for (int i = 0; i < expected.length; i++) {
          expected[i] = in.readFloat();
        }
        assertArrayEquals(expected, here.get(f).data(), f.featureName() + ": C1 fallback vs C2 intrinsics");
      }
    }
  }

  private static float[] clip() {
    return BenchMain.syntheticSignal(22050 * SECONDS, 22050);
  }

  /** The child JVM: computes the clip once and writes tuning and every feature's values to {@code args[0]}. */
  public static void main(String[] args) throws IOException {
    FeatureResult r;
    try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.allOf(Feature.class))) {
      r = p.compute(clip(), 22050);
    }
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Paths.get(args[0])))) {
      out.writeDouble(r.tuning());
      for (Feature f : EnumSet.allOf(Feature.class)) {
        float[] data = r.get(f).data();
        out.writeInt(data.length);
        for (float v : data) {
          out.writeFloat(v);
        }
      }
    }
  }
}
