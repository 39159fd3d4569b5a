package org.noodlevision.spark;

import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.noodlevision.NoodleVisionException;

/** Which CUDA device an executor uses: the first address of Spark's "gpu" resource, else the configured default. */
final class GpuAssignment {
  static final String GPU_RESOURCE = "gpu";

  private GpuAssignment() {
  }

  static int deviceOrdinal(Map<String, ResourceInformation> resources, int defaultDevice) {
    ResourceInformation gpu = resources == null ? null : resources.get(GPU_RESOURCE);
    if (gpu == null || gpu.addresses().length == 0) {
      return defaultDevice;
    }
    String address = gpu.addresses()[0].trim();
    try {
      return Integer.parseInt(address);
    } catch (NumberFormatException e) {
      throw new NoodleVisionException("Spark assigned GPU address '" + address + "' to this executor, which is not "
          + "a CUDA device ordinal. The GPU discovery script (spark.executor.resource.gpu.discoveryScript) must "
          + "report device numbers such as \"0\", \"1\".", e);
    }
  }
}
