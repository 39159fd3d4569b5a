package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pool contract plus GPU specifics, on a real CUDA device. Skips (with the reason) where there is no GPU,
 * driver or JCuda natives.
 */
class GpuMemoryPoolTest extends MemoryPoolContractTest {

  private static String unavailableReason;
  private static boolean probed;

  @BeforeEach
  void requireGpu() {
    synchronized (GpuMemoryPoolTest.class) {
      if (!probed) {
        probed = true;
        try (GpuMemoryPool probe = new GpuMemoryPool(2L << 20)) {
          unavailableReason = probe.unavailableReason().orElse(null);
          if (probe.isAvailable()) {
            System.out.println("GPU pool test on " + probe.deviceName().orElse("?"));
          }
        }
      }
    }
    assumeTrue(unavailableReason == null, () -> "Skipped: no usable GPU (" + unavailableReason + ")");
  }

  @Override
  MemoryPool newPool(long maxSize, long blockSize) {
    return new GpuMemoryPool(maxSize, blockSize);
  }

  @Test
  void smallRequests_areSubAllocatedFromOneSegment() {
    try (GpuMemoryPool pool = new GpuMemoryPool(256L << 20)) {
      MemoryBlock[] bs = new MemoryBlock[100];
      for (int i = 0; i < bs.length; i++) {
        bs[i] = pool.allocate(10_000).orElseThrow();
        assertEquals(10_240, bs[i].size());
      }
      assertEquals(1, pool.segmentAllocations());
      for (MemoryBlock b : bs) {
        pool.free(b);
      }
      assertEquals(1, pool.segmentCount(), "the empty segment is cached");
      assertEquals(pool.segmentSize(), pool.reservedBytes());
      pool.trim();
      assertEquals(0, pool.reservedBytes());
    }
  }

  @Test
  void freeRanges_coalesce_soABlockAsLargeAsTheSegmentFitsAgain() {
    try (GpuMemoryPool pool = new GpuMemoryPool(256L << 20, 1L << 20, 0, 1.0, GpuMode.AUTO, 8L << 20)) {
      MemoryBlock a = pool.allocate(2L << 20).orElseThrow();
      MemoryBlock b = pool.allocate(2L << 20).orElseThrow();
      MemoryBlock c = pool.allocate(4L << 20).orElseThrow();
      assertEquals(1, pool.segmentAllocations());
      pool.free(b);
      pool.free(a);
      pool.free(c);
      MemoryBlock whole = pool.allocate(8L << 20).orElseThrow();
      assertEquals(1, pool.segmentAllocations(), "coalesced back into one 8 MiB range");
      pool.free(whole);
    }
  }

  @Test
  void bestFit_choosesTheSmallestRangeThatFits() {
    try (GpuMemoryPool pool = new GpuMemoryPool(256L << 20, 1L << 20, 0, 1.0, GpuMode.AUTO, 16L << 20)) {
      MemoryBlock a = pool.allocate(4L << 20).orElseThrow();
      MemoryBlock sep1 = pool.allocate(512).orElseThrow();
      MemoryBlock b = pool.allocate(1L << 20).orElseThrow();
      MemoryBlock sep2 = pool.allocate(512).orElseThrow();
      pool.free(a);
      pool.free(b);
      MemoryBlock c = pool.allocate(1L << 20).orElseThrow();
      assertEquals(b.pointer(), c.pointer(), "the 1 MiB hole, not the 4 MiB one");
      pool.free(c);
      pool.free(sep1);
      pool.free(sep2);
    }
  }

  @Test
  void gpuTensor_roundTripsThroughTheDriver() {
    try (MemoryManager manager = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.ON).build())) {
      Tensor t = manager.allocateTensor(new long[] {1000, 13}, DType.FLOAT32, true).orElseThrow();
      assertEquals(Device.GPU, t.device());
      float[] v = new float[13_000];
      for (int i = 0; i < v.length; i++) {
        v[i] = i * 0.5f;
      }
      t.copyFrom(v);
      assertArrayEquals(v, t.toFloatArray());
      assertEquals(6.5f, t.getFloat(13));
      t.setFloat(13, -1f);
      assertEquals(-1f, t.getFloat(13));
      Tensor copy = t.copy();
      assertEquals(Device.GPU, copy.device());
      assertEquals(-1f, copy.getFloat(13));
      assertTrue(t.devicePointer() != null);
      Tensor d = manager.allocateTensor(new long[] {4}, DType.FLOAT64, true).orElseThrow();
      d.copyFrom(new double[] {1, 2, 3, Math.PI});
      assertArrayEquals(new double[] {1, 2, 3, Math.PI}, d.toDoubleArray());
      d.zero();
      assertEquals(0.0, d.getDouble(3));
      t.close();
      copy.close();
      d.close();
      manager.cleanup();
      assertEquals(0, manager.getStatistics().gpuPool().currentUsage());
      assertEquals(0, manager.gpuMemoryPool().reservedBytes());
      assertEquals(0, manager.getStatistics().gpuFallbacks());
      assertTrue(manager.shutdown().isEmpty());
    }
  }

  @Test
  void eightThreads_randomSizes_neverOverlap_andReturnToZero() throws Exception {
    try (GpuMemoryPool pool = new GpuMemoryPool(512L << 20)) {
      ConcurrentSkipListMap<Long, Long> ranges = new ConcurrentSkipListMap<>();
      AtomicLong overlaps = new AtomicLong();
      AtomicLong liveBytes = new AtomicLong();
      ExecutorService exec = Executors.newFixedThreadPool(8);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        final int id = t;
        fs.add(exec.submit(() -> {
          Random rnd = new Random(id);
          List<MemoryBlock> mine = new ArrayList<>();
          for (int op = 0; op < 4000; op++) {
            if (!mine.isEmpty() && (rnd.nextInt(3) == 0 || mine.size() > 16)) {
              MemoryBlock b = mine.remove(rnd.nextInt(mine.size()));
              ranges.remove(b.pointer());
              liveBytes.addAndGet(-b.size());
              pool.free(b);
            } else {
              long size = 1 + (rnd.nextBoolean() ? rnd.nextInt(4096) : rnd.nextInt(3 << 20));
              pool.allocate(size).ifPresent(b -> {
                java.util.Map.Entry<Long, Long> below = ranges.floorEntry(b.pointer() + b.size() - 1);
                if (below != null && below.getKey() + below.getValue() > b.pointer()) {
                  overlaps.incrementAndGet();
                }
                ranges.put(b.pointer(), b.size());
                liveBytes.addAndGet(b.size());
                mine.add(b);
              });
            }
          }
          mine.forEach(b -> {
            ranges.remove(b.pointer());
            liveBytes.addAndGet(-b.size());
            pool.free(b);
          });
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(120, java.util.concurrent.TimeUnit.SECONDS);
      }
      exec.shutdown();
      assertEquals(0, overlaps.get());
      MemoryStats s = pool.getStats();
      assertEquals(0, s.currentUsage());
      assertEquals(0, liveBytes.get());
      assertTrue(s.peakUsage() > 0 && s.reservedBytes() <= 512L << 20);
      assertTrue(pool.segmentAllocations() < s.allocationCount() / 100,
          pool.segmentAllocations() + " cuMemAlloc calls for " + s.allocationCount() + " allocations");
      pool.trim();
      assertEquals(0, pool.reservedBytes());
      System.out.println("GPU stress: " + s);
    }
  }
}
