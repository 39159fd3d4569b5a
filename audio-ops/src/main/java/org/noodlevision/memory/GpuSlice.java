package org.noodlevision.memory;

import jcuda.driver.CUdeviceptr;

/** Where a GPU block lies: its segment, its offset in it, and a device pointer to its first byte. */
final class GpuSlice {
  final GpuSegment segment;
  final long offset;
  final CUdeviceptr pointer;

  GpuSlice(GpuSegment segment, long offset) {
    this.segment = segment;
    this.offset = offset;
    this.pointer = segment.base.withByteOffset(offset);
  }
}
