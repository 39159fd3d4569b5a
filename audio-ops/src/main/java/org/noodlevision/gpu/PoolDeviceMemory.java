package org.noodlevision.gpu;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import jcuda.driver.CUdeviceptr;
import org.noodlevision.memory.GpuMemoryPool;
import org.noodlevision.memory.MemoryBlock;

/**
 * {@link DeviceMemory} from the memory module's {@link GpuMemoryPool} (same primary context, so the kernels see the
 * pool's memory). An allocation the pool refuses (its cap, or the device is full) is a
 * {@link GpuOutOfMemoryException}.
 */
final class PoolDeviceMemory implements DeviceMemory {
  private final GpuMemoryPool pool;
  private final Map<CUdeviceptr, MemoryBlock> blocks = new IdentityHashMap<>();

  PoolDeviceMemory(GpuMemoryPool pool) {
    this.pool = pool;
  }

  @Override
  public CUdeviceptr allocate(long bytes, String what) {
    Optional<MemoryBlock> b = pool.allocate(Math.max(bytes, 256));
    if (b.isEmpty()) {
      throw new GpuOutOfMemoryException(what + " from " + pool.name(), bytes);
    }
    CUdeviceptr p = new CUdeviceptr().withByteOffset(b.get().pointer());
    blocks.put(p, b.get());
    return p;
  }

  @Override
  public void free(CUdeviceptr ptr, long bytes) {
    MemoryBlock b = blocks.remove(ptr);
    if (b != null) {
      pool.free(b);
    }
  }
}
