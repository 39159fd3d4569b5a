package org.noodlevision.memory;

/** Where a {@link Tensor} or {@link MemoryBlock} lives: host (off-heap, Arrow-accounted) or CUDA device memory. */
public enum Device {
  CPU, GPU
}
