package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;

/** Backend selection of the batch path on this machine (no GPU in CI; the GPU side runs in ClipBatchParityMain). */
class ClipBatchComputerTest {
  private static final String SETTING = "spark.noodlevision.backend";
  private static final Set<Feature> MFCC = EnumSet.of(Feature.MFCC);
  private static final GpuBackend.Probe H100 = new GpuBackend.Probe(true, "", "H100", 9, 0, 80L << 30);

  private static float[] tone(int n, double hz) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 22050));
    }
    return x;
  }

  @Test
  void auto_withoutGpu_computesOnTheCpu_likeThePipeline() {
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeFalse(probe.available(), "this machine has a GPU; the no-GPU case is checked elsewhere");
    FeatureParams params = FeatureParams.defaults();
    try (FeaturePipeline pipeline = new FeaturePipeline(params, MFCC);
         ClipBatchComputer c = ClipBatchComputer.create(SETTING, "auto", params, MFCC, GpuSettings.defaults(),
             pipeline::compute)) {
      List<float[]> clips = List.of(tone(22050 * 20, 440), tone(22050 * 15, 220));
      assertEquals(ComputeBackend.CPU, c.backendFor(Long.MAX_VALUE));
      List<FeatureResult> r = c.compute(clips, 22050);
      assertEquals(ComputeBackend.CPU, c.lastBackend());
      assertEquals(2, c.cpuClips());
      assertEquals(0, c.gpuCounters().gpuClips());
      assertEquals(0L, c.gpuNanos());
      try (FeaturePipeline ref = new FeaturePipeline(params, MFCC)) {
        assertArrayEquals(ref.compute(clips.get(1), 22050).get(Feature.MFCC).data(),
            r.get(1).get(Feature.MFCC).data());
      }
    }
  }

  @Test
  void gpu_withoutGpu_failsAtCreation_namingTheSetting() {
    GpuBackend.Probe probe = GpuBackend.probe();
    assumeFalse(probe.available(), "this machine has a GPU");
    GpuUnavailableException e = assertThrows(GpuUnavailableException.class, () -> ClipBatchComputer.create(SETTING,
        "gpu", FeatureParams.defaults(), MFCC, GpuSettings.defaults(), (x, sr) -> null));
    assertTrue(e.getMessage().contains(SETTING + "=gpu"), e.getMessage());
    assertTrue(e.getMessage().contains(probe.reason()), e.getMessage());
    assertTrue(e.getMessage().contains("auto"), e.getMessage());
  }

  @Test
  void auto_withGpu_sendsOnlyLargeEnoughBatches() {
    try (ClipBatchComputer c = ClipBatchComputer.create(SETTING, "auto", FeatureParams.defaults(), MFCC,
        new GpuSettings(16384, 4, 1000), (x, sr) -> null, H100, null)) {
      assertEquals(ComputeBackend.CPU, c.backendFor(999));
      assertEquals(ComputeBackend.GPU, c.backendFor(1000));
    }
    try (ClipBatchComputer c = ClipBatchComputer.create(SETTING, "cpu", FeatureParams.defaults(), MFCC,
        GpuSettings.defaults(), (x, sr) -> null, H100, null)) {
      assertEquals(ComputeBackend.CPU, c.backendFor(Long.MAX_VALUE));
    }
  }

  @Test
  void unknownBackend_isRejected_namingTheSetting() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ClipBatchComputer.create(
        SETTING, "tpu", FeatureParams.defaults(), MFCC, GpuSettings.defaults(), (x, sr) -> null));
    assertTrue(e.getMessage().contains(SETTING), e.getMessage());
  }
}
