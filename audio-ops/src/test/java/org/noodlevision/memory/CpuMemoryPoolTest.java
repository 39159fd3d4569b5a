package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class CpuMemoryPoolTest extends MemoryPoolContractTest {

  @Override
  MemoryPool newPool(long maxSize, long blockSize) {
    return new CpuMemoryPool(maxSize, blockSize);
  }

  @Test
  void sizeClasses_arePowersOfTwoBelowArrowChunkAndBlockMultiplesAbove() {
    try (CpuMemoryPool pool = new CpuMemoryPool(1L << 30, 1L << 20)) {
      assertEquals(64, pool.sizeClass(1));
      assertEquals(1024, pool.sizeClass(1000));
      assertEquals(1L << 20, pool.sizeClass((1L << 20) - 5));
      assertEquals(2L << 20, pool.sizeClass((1L << 20) + 1));
      assertEquals(16L << 20, pool.sizeClass(16L << 20));
      assertEquals(18L << 20, pool.sizeClass((17L << 20) + 1));
    }
    try (CpuMemoryPool fine = new CpuMemoryPool(1L << 30, 64L << 10)) {
      assertEquals((17L << 20) + (64L << 10), fine.sizeClass((17L << 20) + 1));
    }
  }

  @Test
  void poolUnits_equalArrowAccounting_liveAndKept() {
    try (CpuMemoryPool pool = new CpuMemoryPool(256L << 20, 1L << 20)) {
      MemoryBlock a = pool.allocate(3000).orElseThrow();
      MemoryBlock b = pool.allocate((17L << 20) + 1).orElseThrow();
      assertEquals(pool.getStats().reservedBytes(), pool.arrowAllocatedBytes());
      pool.free(a);
      assertEquals(pool.getStats().reservedBytes(), pool.arrowAllocatedBytes());
      assertEquals(4096, pool.retainedBytes());
      pool.free(b);
      pool.trim();
      assertEquals(0, pool.arrowAllocatedBytes());
    }
  }

  @Test
  void accountsUnderAGivenParentAllocator() {
    try (BufferAllocator parent = new RootAllocator(Long.MAX_VALUE)) {
      CpuMemoryPool pool = new CpuMemoryPool(parent, 16L << 20, 1L << 20);
      MemoryBlock b = pool.allocate(1 << 20).orElseThrow();
      assertEquals(1L << 20, parent.getAllocatedMemory());
      pool.free(b);
      pool.close();
      assertEquals(0, parent.getAllocatedMemory());
    }
  }

  @Test
  void retainFractionZero_returnsFreedMemoryToArrowAtOnce() {
    try (CpuMemoryPool pool = new CpuMemoryPool(ArrowRoot.get(), 16L << 20, 1L << 20, 0.0)) {
      MemoryBlock b = pool.allocate(1 << 20).orElseThrow();
      pool.free(b);
      assertEquals(0, pool.arrowAllocatedBytes());
      pool.free(pool.allocate(1 << 20).orElseThrow());
      assertEquals(0, pool.getStats().reuseCount());
    }
  }

  @Test
  void retainFractionHalf_keepsAtMostHalfThePool() {
    try (CpuMemoryPool pool = new CpuMemoryPool(ArrowRoot.get(), 8L << 20, 1L << 20, 0.5)) {
      MemoryBlock[] bs = new MemoryBlock[8];
      for (int i = 0; i < 8; i++) {
        bs[i] = pool.allocate(1 << 20).orElseThrow();
      }
      for (MemoryBlock b : bs) {
        pool.free(b);
      }
      assertEquals(4L << 20, pool.retainedBytes());
      assertEquals(4L << 20, pool.arrowAllocatedBytes());
    }
  }

  @Test
  void preReserve_makesFirstRequestsReuses() {
    try (CpuMemoryPool pool = new CpuMemoryPool(64L << 20, 2L << 20)) {
      assertEquals(8L << 20, pool.preReserve(8L << 20, 2L << 20));
      assertEquals(8L << 20, pool.arrowAllocatedBytes());
      pool.free(pool.allocate(2L << 20).orElseThrow());
      assertEquals(1, pool.getStats().reuseCount());
    }
  }

  @Test
  void data_isALittleEndianViewOfTheBlock_andDetachedBlocksHaveNone() {
    try (CpuMemoryPool pool = new CpuMemoryPool(8L << 20)) {
      MemoryBlock b = pool.allocate(100).orElseThrow();
      ByteBuffer data = b.data();
      assertEquals(ByteOrder.LITTLE_ENDIAN, data.order());
      assertEquals(b.size(), data.capacity());
      data.putInt(0, 0x01020304);
      assertEquals(0x04, b.data().get(0));
      pool.free(b);
    }
    MemoryBlock detached = new MemoryBlock(42, 1024, MemoryBlock.nowSeconds() - 400);
    assertNull(detached.data());
    assertTrue(detached.isExpired(300.0));
    assertEquals(Device.CPU, detached.device());
    assertNotNull(detached.toString());
  }
}
