package org.noodlevision.gpu;

import jcuda.driver.CUdeviceptr;

/**
 * Where the GPU backend takes device memory from: {@link PoolDeviceMemory} over the memory module's GpuMemoryPool
 * (one place to change).
 */
interface DeviceMemory {
  /** Allocates {@code bytes} of device memory; throws {@link GpuOutOfMemoryException} when the device is full. */
  CUdeviceptr allocate(long bytes, String what);

  void free(CUdeviceptr ptr, long bytes);
}
