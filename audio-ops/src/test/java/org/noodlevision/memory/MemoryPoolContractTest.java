package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link MemoryPool} shares; extended by the CPU and the GPU pool tests. */
abstract class MemoryPoolContractTest {

  /** A pool with all freed memory kept for reuse. */
  abstract MemoryPool newPool(long maxSize, long blockSize);

  @Test
  void allocate_givesDistinctNonOverlappingBlocksOfAtLeastTheRequest() {
    try (MemoryPool pool = newPool(64L << 20, 1L << 20)) {
      List<MemoryBlock> blocks = new ArrayList<>();
      long[] sizes = {1, 100, 4096, 5000, 1 << 20, (1 << 20) + 1, 3 << 20};
      for (long s : sizes) {
        MemoryBlock b = pool.allocate(s).orElseThrow();
        assertTrue(b.size() >= s);
        assertEquals(s, b.requestedSize());
        assertTrue(b.inUse());
        assertEquals(pool.device(), b.device());
        blocks.add(b);
      }
      for (MemoryBlock a : blocks) {
        for (MemoryBlock b : blocks) {
          if (a != b) {
            assertTrue(a.pointer() + a.size() <= b.pointer() || b.pointer() + b.size() <= a.pointer(),
                a + " overlaps " + b);
          }
        }
      }
      long sum = blocks.stream().mapToLong(MemoryBlock::size).sum();
      assertEquals(sum, pool.getUsage().currentUsage());
      blocks.forEach(pool::free);
      assertEquals(0, pool.getUsage().currentUsage());
    }
  }

  @Test
  void free_twice_isRefusedAndChangesNothing() {
    try (MemoryPool pool = newPool(16L << 20, 1L << 20)) {
      MemoryBlock b = pool.allocate(1000).orElseThrow();
      pool.free(b);
      MemoryStats before = pool.getStats();
      assertThrows(MemoryAlreadyFreedException.class, () -> pool.free(b));
      assertEquals(before, pool.getStats());
    }
  }

  @Test
  void free_ofForeignBlock_isRefused() {
    try (MemoryPool pool = newPool(16L << 20, 1L << 20)) {
      assertThrows(IllegalArgumentException.class, () -> pool.free(new MemoryBlock(1234, 64, 0.0)));
    }
  }

  @Test
  void staleBlockReference_cannotFreeTheReusedMemory() {
    try (MemoryPool pool = newPool(16L << 20, 1L << 20)) {
      MemoryBlock first = pool.allocate(1 << 20).orElseThrow();
      pool.free(first);
      MemoryBlock second = pool.allocate(1 << 20).orElseThrow();
      assertEquals(first.pointer(), second.pointer(), "freed memory is reused");
      assertThrows(MemoryAlreadyFreedException.class, () -> pool.free(first));
      assertTrue(second.inUse());
      pool.free(second);
    }
  }

  @Test
  void maxSize_isAHardCap_andEmptyIsReturnedNotThrown() {
    try (MemoryPool pool = newPool(8L << 20, 1L << 20)) {
      List<MemoryBlock> held = new ArrayList<>();
      Optional<MemoryBlock> b;
      while ((b = pool.allocate(1 << 20)).isPresent()) {
        held.add(b.get());
        assertTrue(held.size() <= 8);
      }
      assertEquals(8, held.size());
      assertTrue(pool.allocate(9L << 20).isEmpty());
      assertEquals(2, pool.getStats().failedAllocations());
      assertThrows(MemoryPoolExhaustedException.class, () -> pool.allocateOrThrow(1 << 20));
      assertTrue(pool.getStats().reservedBytes() <= pool.maxSize());
      assertEquals(100.0, pool.getUsage().usagePercentage(), 1e-9);
      held.forEach(pool::free);
    }
  }

  @Test
  void keptFreeMemory_isReleasedToMakeRoomForOtherSizes() {
    try (MemoryPool pool = newPool(8L << 20, 1L << 20)) {
      List<MemoryBlock> small = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        small.add(pool.allocate(1 << 20).orElseThrow());
      }
      small.forEach(pool::free);
      // all 8 MiB are kept free in 1 MiB blocks; a single 8 MiB block still fits
      MemoryBlock big = pool.allocate(8L << 20).orElseThrow();
      assertEquals(8L << 20, pool.getUsage().currentUsage());
      pool.free(big);
    }
  }

  @Test
  void stats_countAllocationsFreesReusesAndPeak() {
    try (MemoryPool pool = newPool(32L << 20, 1L << 20)) {
      MemoryBlock a = pool.allocate(1 << 20).orElseThrow();
      MemoryBlock b = pool.allocate(1 << 20).orElseThrow();
      long peak = pool.getUsage().currentUsage();
      pool.free(a);
      pool.free(b);
      MemoryBlock c = pool.allocate(1 << 20).orElseThrow();
      MemoryStats s = pool.getStats();
      assertEquals(3, s.allocationCount());
      assertEquals(2, s.freeCount());
      assertTrue(s.reuseCount() >= 1);
      assertEquals(peak, s.peakUsage());
      assertEquals(3 * c.size(), s.totalAllocated());
      assertEquals(c.size(), s.currentUsage());
      pool.free(c);
      pool.trim();
      assertEquals(0, pool.getStats().reservedBytes());
    }
  }

  @Test
  void negativeSize_isATypedError() {
    try (MemoryPool pool = newPool(8L << 20, 1L << 20)) {
      assertThrows(org.noodlevision.InvalidParameterException.class, () -> pool.allocate(-1));
    }
  }

  @Test
  void blockSize_mustBeAPowerOfTwo() {
    assertThrows(org.noodlevision.InvalidParameterException.class, () -> newPool(8L << 20, 3L << 20));
  }

  @Test
  void close_releasesLiveBlocks() {
    MemoryPool pool = newPool(8L << 20, 1L << 20);
    MemoryBlock b = pool.allocate(1000).orElseThrow();
    pool.close();
    assertFalse(b.inUse());
    pool.close();
  }

  @Test
  void manyDifferentSizes_neverHandOutTheSameAddressTwice() {
    try (MemoryPool pool = newPool(64L << 20, 1L << 20)) {
      java.util.Random rnd = new java.util.Random(5);
      List<MemoryBlock> live = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        if (!live.isEmpty() && rnd.nextBoolean()) {
          pool.free(live.remove(rnd.nextInt(live.size())));
        } else {
          pool.allocate(1 + rnd.nextInt(2 << 20)).ifPresent(live::add);
        }
        if (i % 100 == 0) {
          Set<Long> addresses = new HashSet<>();
          for (MemoryBlock b : live) {
            assertTrue(addresses.add(b.pointer()));
          }
          assertEquals(live.stream().mapToLong(MemoryBlock::size).sum(), pool.getUsage().currentUsage());
        }
      }
      live.forEach(pool::free);
      assertEquals(0, pool.getUsage().currentUsage());
      assertNotEquals(0, pool.getStats().reuseCount());
    }
  }
}
