package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Without a GPU (switched off here, so this runs everywhere) the manager serves GPU requests from the CPU. */
class GpuUnavailableTest {

  @Test
  void gpuOff_poolIsUnavailableWithReason_andAllocatesNothing() {
    try (GpuMemoryPool pool = new GpuMemoryPool(1L << 30, 1L << 20, 0, 1.0, GpuMode.OFF, 0)) {
      assertFalse(pool.isAvailable());
      assertTrue(pool.unavailableReason().orElseThrow().contains("gpu=off"));
      assertTrue(pool.allocate(1024).isEmpty());
      assertEquals(0, pool.getUsage().currentUsage());
      assertEquals(1L << 30, pool.getUsage().maxSize());
    }
  }

  @Test
  void gpuPreferringRequests_fallBackToTheCpuPool_andAreCounted() {
    AtomicLong fallbacks = new AtomicLong();
    try (MemoryManager manager = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).build())) {
      manager.addListener(new MemoryEventListener() {
        @Override
        public void onGpuFallback(long bytes) {
          fallbacks.addAndGet(bytes);
        }
      });
      Tensor t = manager.allocateTensor(new long[] {256}, DType.FLOAT32, true).orElseThrow();
      assertEquals(Device.CPU, t.device());
      assertEquals(1, manager.getStatistics().gpuFallbacks());
      assertEquals(1024, fallbacks.get());
      assertFalse(manager.getStatistics().gpuAvailable());
      Tensor cpu = manager.allocateTensor(new long[] {256}, DType.FLOAT32, false).orElseThrow();
      assertEquals(1, manager.getStatistics().gpuFallbacks(), "a CPU request is no fallback");
      t.close();
      cpu.close();
    }
  }

  @Test
  void autoMode_neverThrowsAtStartUp_whateverTheMachine() {
    try (MemoryManager manager = new MemoryManager()) {
      GpuMemoryPool gpu = manager.gpuMemoryPool();
      assertEquals(gpu.isAvailable(), gpu.unavailableReason().isEmpty());
      Tensor t = manager.allocateTensor(new long[] {8, 8}, DType.FLOAT32).orElseThrow();
      assertEquals(gpu.isAvailable() ? Device.GPU : Device.CPU, t.device());
      t.close();
    }
  }
}
