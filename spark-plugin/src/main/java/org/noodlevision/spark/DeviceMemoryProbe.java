package org.noodlevision.spark;

import static jcuda.driver.CUresult.CUDA_SUCCESS;

import java.util.OptionalLong;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * Reads a CUDA device's free memory (cuMemGetInfo in the device's primary context) to size the GPU pool as a
 * fraction of it. Empty when there is no CUDA driver, no such device, or the JCuda natives cannot load.
 */
final class DeviceMemoryProbe {
  private DeviceMemoryProbe() {
  }

  static OptionalLong freeBytes(int ordinal) {
    try {
      if (JCudaDriver.cuInit(0) != CUDA_SUCCESS) {
        return OptionalLong.empty();
      }
      CUdevice device = new CUdevice();
      if (JCudaDriver.cuDeviceGet(device, ordinal) != CUDA_SUCCESS) {
        return OptionalLong.empty();
      }
      CUcontext context = new CUcontext();
      if (JCudaDriver.cuDevicePrimaryCtxRetain(context, device) != CUDA_SUCCESS) {
        return OptionalLong.empty();
      }
      try {
        JCudaDriver.cuCtxPushCurrent(context);
        long[] free = new long[1];
        long[] total = new long[1];
        int rc = JCudaDriver.cuMemGetInfo(free, total);
        JCudaDriver.cuCtxPopCurrent(new CUcontext());
        return rc == CUDA_SUCCESS ? OptionalLong.of(free[0]) : OptionalLong.empty();
      } finally {
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
      }
    } catch (LinkageError | RuntimeException noCuda) {
      return OptionalLong.empty();
    }
  }
}
