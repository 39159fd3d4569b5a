package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.noodlevision.NoodleVisionException;

class GpuAssignmentTest {

  @Test
  void sparkAssignedGpu_isUsed() {
    Map<String, ResourceInformation> resources = Map.of("gpu", new ResourceInformation("gpu", new String[] {"3", "5"}));
    assertEquals(3, GpuAssignment.deviceOrdinal(resources, 0));
  }

  @Test
  void noGpuResource_usesTheConfiguredDefault() {
    assertEquals(2, GpuAssignment.deviceOrdinal(Map.of(), 2));
    assertEquals(0, GpuAssignment.deviceOrdinal(
        Map.of("fpga", new ResourceInformation("fpga", new String[] {"7"})), 0));
  }

  @Test
  void nonNumericAddress_isATypedError() {
    NoodleVisionException e = assertThrows(NoodleVisionException.class, () -> GpuAssignment.deviceOrdinal(
        Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-9f3c"})), 0));
    assertTrue(e.getMessage().contains("GPU-9f3c") && e.getMessage().contains("discoveryScript"), e.getMessage());
  }

  @Test
  void overhead_followsSparkDefaultsAndUnits() {
    assertEquals(384L << 20, DeploymentCheck.overheadBytes(Map.of("spark.executor.memory", "2g")));
    assertEquals(819L << 20, DeploymentCheck.overheadBytes(Map.of("spark.executor.memory", "8190m")) >> 20 << 20);
    assertEquals(2048L << 20, DeploymentCheck.overheadBytes(Map.of("spark.executor.memoryOverhead", "2048")));
    assertEquals(3L << 30, DeploymentCheck.overheadBytes(Map.of("spark.executor.memoryOverhead", "3g")));
  }
}
