package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;

class ComputeBackendTest {
  private static final GpuBackend.Probe NONE = GpuBackend.Probe.unavailable("no device in this test");
  private static final GpuBackend.Probe H100 = new GpuBackend.Probe(true, "", "H100", 9, 0, 80L << 30);

  @Test
  void auto_usesGpuOnlyWhenPresentAndBatchLargeEnough() {
    assertEquals(ComputeBackend.CPU, ComputeBackend.AUTO.resolve(NONE, 1_000_000, 1000));
    assertEquals(ComputeBackend.CPU, ComputeBackend.AUTO.resolve(H100, 999, 1000));
    assertEquals(ComputeBackend.GPU, ComputeBackend.AUTO.resolve(H100, 1000, 1000));
    assertEquals(ComputeBackend.CPU, ComputeBackend.CPU.resolve(H100, 1_000_000, 0));
  }

  @Test
  void gpu_withoutDevice_throwsTypedErrorNamingTheReason() {
    GpuUnavailableException e = assertThrows(GpuUnavailableException.class,
        () -> ComputeBackend.GPU.resolve(NONE, 10, 0));
    assertTrue(e.getMessage().contains("no device in this test"), e.getMessage());
  }

  @Test
  void fromName_parsesAndRejectsWithSettingName() {
    assertEquals(ComputeBackend.GPU, ComputeBackend.fromName("backend", " GPU "));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ComputeBackend.fromName("spark.noodlevision.backend", "tpu"));
    assertTrue(e.getMessage().contains("spark.noodlevision.backend"), e.getMessage());
  }

  @Test
  void probe_neverThrows_andExplainsWhenUnavailable() {
    GpuBackend.Probe p = GpuBackend.probe();
    if (p.available()) {
      assertFalse(p.deviceName().isEmpty());
      assertTrue(p.totalMemoryBytes() > 0);
    } else {
      assertFalse(p.reason().isBlank(), "an unavailable probe must say why");
    }
  }
}
