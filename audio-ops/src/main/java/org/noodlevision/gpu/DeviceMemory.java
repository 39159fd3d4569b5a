package org.noodlevision.gpu;

import jcuda.driver.CUdeviceptr;

/**
 * Where the GPU backend takes device memory from. The only implementation today is {@link DirectDeviceMemory}
 * ({@code cuMemAlloc} in the primary context); the memory module's GpuMemoryPool replaces it here, in one place.
 */
interface DeviceMemory {
  /** Allocates {@code bytes} of device memory; throws {@link GpuOutOfMemoryException} when the device is full. */
  CUdeviceptr allocate(long bytes, String what);

  void free(CUdeviceptr ptr, long bytes);
}
