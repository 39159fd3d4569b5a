package org.noodlevision.memory;

import java.util.TreeMap;

/** One cuMemAlloc'd segment and its free ranges (offset to length), for coalescing. Guarded by the pool's lock. */
final class GpuSegment {
  final int id;
  final CudaDevice.DeviceAddress base;
  final long address;
  final long size;
  final TreeMap<Long, Long> freeRanges = new TreeMap<>();
  long freeBytes;

  GpuSegment(int id, CudaDevice.DeviceAddress base, long size) {
    this.id = id;
    this.base = base;
    this.address = base.address();
    this.size = size;
    this.freeRanges.put(0L, size);
    this.freeBytes = size;
  }

  boolean isEmpty() {
    return freeBytes == size;
  }
}
