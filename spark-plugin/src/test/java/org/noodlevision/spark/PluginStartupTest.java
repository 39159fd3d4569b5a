package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.Tensor;

class PluginStartupTest {

  @Test
  void badSetting_stopsTheApplicationAtStart_namingKeyValueAndAllowed() {
    Throwable failure = assertThrows(Throwable.class, () -> new SparkContext(
        SparkTestSupport.pluginConf("local[1]", "noodlevision-bad-conf")
            .set("spark.ui.enabled", "false")
            .set("spark.noodlevision.memory.gpu.poolFraction", "1.5")));
    Throwable cause = failure;
    while (cause != null && !(cause instanceof InvalidParameterException)) {
      cause = cause.getCause();
    }
    assertTrue(cause != null, "InvalidParameterException expected, got " + failure);
    assertTrue(cause.getMessage().contains("spark.noodlevision.memory.gpu.poolFraction")
        && cause.getMessage().contains("'1.5'") && cause.getMessage().contains("(0, 1]"), cause.getMessage());
  }

  @Test
  void executorPluginFailure_failsTheExecutorLoudly() {
    Assumptions.assumeTrue(DeviceMemoryProbe.freeBytes(0).isEmpty(), "needs a machine without a usable GPU");
    Throwable failure = assertThrows(Throwable.class, () -> new SparkContext(
        SparkTestSupport.pluginConf("local[1]", "noodlevision-gpu-on-without-gpu")
            .set("spark.ui.enabled", "false")
            .set("spark.noodlevision.gpu.enabled", "on")));
    StringBuilder messages = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("NoodleVision executor plugin could not start on executor driver")
        && messages.toString().contains("spark.noodlevision.gpu.enabled=on but CUDA device 0 cannot be used"),
        messages.toString());
  }

  @Test
  void withoutThePlugin_aFallbackManagerServesTaskCode() {
    if (NoodleVisionExecutor.pluginActive()) {
      return; // another test class's plugin is running in this JVM: nothing to check here
    }
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    assertSame(manager, NoodleVisionExecutor.memoryManager(), "created once, then reused");
    assertSame(manager, NoodleVisionExecutor.existingFallback().orElseThrow());
    try (Tensor t = manager.allocateTensorOrThrow(new long[] {16, 16}, DType.FLOAT32, false)) {
      t.setFloat(255, 2.5f);
      assertTrue(t.getFloat(255) == 2.5f);
    }
  }
}
