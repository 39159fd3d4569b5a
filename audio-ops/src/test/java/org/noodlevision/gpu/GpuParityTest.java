package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.noodlevision.memory.GpuMemoryPool;

/** GPU output equals librosa 0.11 within issue 2's tolerances on every reference file; skips without a GPU. */
class GpuParityTest {
  private static Path referenceDir() {
    String dir = System.getProperty("noodlevision.reference.dir");
    Path p = dir == null ? null : Path.of(dir);
    assumeTrue(p != null && Files.isDirectory(p.resolve("expected")),
        "librosa reference data not found (system property noodlevision.reference.dir = " + dir + ")");
    return p;
  }

  @Test
  void gpuFeatures_matchLibrosaReference_onEveryFile() throws Exception {
    Path ref = referenceDir();
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU: " + probe.reason());
    GpuParityCheck check = new GpuParityCheck(ref, System.out);
    int failures = check.run(GpuSettings.defaults());
    assertEquals(0, failures, String.join("\n", check.failures));
  }

  @Test
  void gpuFeatures_matchLibrosaReference_withManySmallLaunches() throws Exception {
    Path ref = referenceDir();
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU: " + probe.reason());
    GpuParityCheck check = new GpuParityCheck(ref, System.out);
    int failures = check.run(new GpuSettings(600, 2, 0, false));
    assertEquals(0, failures, String.join("\n", check.failures));
  }

  @Test
  void gpuFeatures_equalCpuPipeline_onEveryFile() throws Exception {
    Path ref = referenceDir();
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU: " + probe.reason());
    GpuParityCheck check = new GpuParityCheck(ref, System.out);
    check.compareWithCpu = true;
    int failures = check.run(GpuSettings.defaults());
    assertEquals(0, failures, String.join("\n", check.failures));
  }

  @Test
  void smallGpuPool_splitsAndFallsBackToCpu_resultsStillMatchLibrosa() throws Exception {
    Path ref = referenceDir();
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU: " + probe.reason());
    GpuParityCheck check = new GpuParityCheck(ref, System.out);
    try (GpuMemoryPool tiny = new GpuMemoryPool(16L << 20)) {
      check.pool = tiny;
      int failures = check.run(GpuSettings.defaults());
      assertEquals(0, failures, String.join("\n", check.failures));
    }
    assertTrue(check.outOfMemoryEvents > 0, "a 16 MiB pool must run out of memory on these batches");
    assertTrue(check.cpuFallbackClips > 0, "single clips that do not fit must go to the CPU");
  }

  @Test
  void longClips_computedInChunks_matchLibrosaReference() throws Exception {
    Path ref = referenceDir();
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU: " + probe.reason());
    GpuParityCheck check = new GpuParityCheck(ref, System.out);
    check.chunkLongClips = true;
    int failures = check.run(new GpuSettings(100, 2, 0));
    assertEquals(0, failures, String.join("\n", check.failures));
  }
}
