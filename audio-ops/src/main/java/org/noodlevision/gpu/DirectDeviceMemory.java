package org.noodlevision.gpu;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

import jcuda.driver.CUdeviceptr;

/** {@link DeviceMemory} straight from {@code cuMemAlloc}; callers keep buffers across batches (grow-only). */
final class DirectDeviceMemory implements DeviceMemory {
  @Override
  public CUdeviceptr allocate(long bytes, String what) {
    CUdeviceptr p = new CUdeviceptr();
    CudaCheck.checkAlloc(cuMemAlloc(p, Math.max(bytes, 256)), "device buffer " + what, bytes);
    return p;
  }

  @Override
  public void free(CUdeviceptr ptr, long bytes) {
    cuMemFree(ptr);
  }
}
