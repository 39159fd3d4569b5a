package org.noodlevision.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.gpu.GpuBackend;
import org.noodlevision.gpu.GpuFeatureExtractor;
import org.noodlevision.gpu.GpuSettings;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.Device;
import org.noodlevision.memory.GpuMemoryPool;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.Tensor;

/**
 * A GPU failure or out-of-memory falls back to the CPU. Where there is no GPU the failure is real (CUDA cannot be
 * used): {@code backend=auto} resolves to the CPU and GPU-preferring tensors come from the CPU pool. Where there
 * is a GPU, its out-of-memory is provoked with a device pool far smaller than one batch: every clip is then
 * computed on the CPU, with the CPU's results, and counted.
 */
class GpuFallbackTest {
  private static final Set<Feature> FEATURES = EnumSet.of(Feature.MFCC, Feature.CHROMA);

  @Test
  void withoutAUsableGpu_autoComputesOnTheCpu_andTensorsComeFromTheCpuPool() {
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(!probe.available(), "a GPU is present: " + probe);
    assertEquals(ComputeBackend.CPU, ComputeBackend.AUTO.resolve(probe, 1L << 30, 1));
    try (MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.AUTO)
        .cpuMaxSize(1L << 20).build())) {
      try (Tensor t = m.allocateTensorWaiting(new long[] {1024}, DType.FLOAT32, true, 1, TimeUnit.SECONDS)
          .orElseThrow()) {
        assertEquals(Device.CPU, t.device());
      }
      assertEquals(1, m.getStatistics().gpuFallbacks());
    }
  }

  @Test
  void gpuOutOfMemory_fallsBackToTheCpu_withTheCpusResults() {
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeTrue(probe.available(), "no usable GPU (" + probe.reason() + "): the CPU-only case covers this machine");
    FeatureParams params = FeatureParams.defaults();
    Random rnd = new Random(3);
    List<float[]> clips = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      float[] x = new float[22_050 * (1 + c % 3)];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.4 * Math.sin(2 * Math.PI * (220 + 40 * c) * i / 22_050.0) + 0.02 * rnd.nextGaussian());
      }
      clips.add(x);
    }
    List<FeatureResult> gpu;
    long fallbacks;
    long ooms;
    try (GpuMemoryPool tiny = new GpuMemoryPool(64 * 1024);
         GpuFeatureExtractor ex = GpuFeatureExtractor.create(params, FEATURES, GpuSettings.defaults(), tiny)) {
      gpu = ex.computeBatch(clips, 22_050);
      fallbacks = ex.counters().cpuFallbackClips();
      ooms = ex.counters().outOfMemoryEvents();
    }
    assertTrue(ooms > 0, "the tiny device pool ran out");
    assertEquals(clips.size(), fallbacks, "every clip fell back to the CPU");
    try (FeaturePipeline cpu = new FeaturePipeline(params, FEATURES)) {
      for (int c = 0; c < clips.size(); c++) {
        FeatureResult r = cpu.compute(clips.get(c), 22_050);
        for (Feature f : FEATURES) {
          assertArrayEquals(r.get(f).data(), gpu.get(c).get(f).data(), f + " of clip " + c + " (computed on the CPU)");
        }
      }
    }
  }
}
