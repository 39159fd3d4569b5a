package org.noodlevision.gpu;

import jcuda.driver.CUdeviceptr;

/** A grow-only device buffer: {@link #ensure} reallocates only when a larger size is needed. */
final class DeviceBuffer implements AutoCloseable {
  private final DeviceMemory memory;
  private final String name;
  private CUdeviceptr ptr;
  private long capacity;

  DeviceBuffer(DeviceMemory memory, String name) {
    this.memory = memory;
    this.name = name;
  }

  /** A device pointer to at least {@code bytes} bytes (contents undefined after growth). */
  CUdeviceptr ensure(long bytes) {
    if (ptr == null || capacity < bytes) {
      close();
      long size = Math.max(bytes, capacity + capacity / 4);
      ptr = memory.allocate(size, name);
      capacity = size;
    }
    return ptr;
  }

  @Override
  public void close() {
    if (ptr != null) {
      memory.free(ptr, capacity);
      ptr = null;
      capacity = 0;
    }
  }
}
