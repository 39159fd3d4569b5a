package org.noodlevision.memory;

import jcuda.driver.CUdeviceptr;

/**
 * Where a GPU block lies: its segment and its offset in it. The device pointer is made on first use (copies,
 * kernels), keeping the allocate/free path free of JCuda objects.
 */
final class GpuSlice {
  final GpuSegment segment;
  final long offset;
  private CUdeviceptr pointer;

  GpuSlice(GpuSegment segment, long offset) {
    this.segment = segment;
    this.offset = offset;
  }

  synchronized CUdeviceptr pointer() {
    if (pointer == null) {
      pointer = segment.base.withByteOffset(offset);
    }
    return pointer;
  }
}
