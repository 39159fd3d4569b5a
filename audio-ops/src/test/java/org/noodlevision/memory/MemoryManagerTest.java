package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureParams;

class MemoryManagerTest {

  private static MemoryManager cpuOnly(MemoryPolicy p) {
    return new MemoryManager(MemoryManagerConfig.builder().policy(p).gpuMode(GpuMode.OFF).build());
  }

  private static Tensor alloc(MemoryManager m, long... shape) {
    return m.allocateTensor(shape, DType.FLOAT32).orElseThrow();
  }

  @Test
  void defaultConstructor_isBalanced_andPolicyValuesAreLowerCase() {
    try (MemoryManager m = new MemoryManager()) {
      assertEquals(MemoryPolicy.BALANCED, m.getPolicy());
    }
    assertEquals("balanced", MemoryPolicy.BALANCED.value());
    assertEquals("aggressive_reuse", MemoryPolicy.AGGRESSIVE_REUSE.value());
    assertEquals(MemoryPolicy.LATENCY_FIRST, MemoryPolicy.fromName("latency-first"));
    assertThrows(InvalidParameterException.class, () -> MemoryPolicy.fromName("fast"));
  }

  @Test
  void statisticsMap_hasTheSeedsKeys() {
    try (MemoryManager m = cpuOnly(MemoryPolicy.BALANCED)) {
      Tensor t = alloc(m, 1000);
      Map<String, Object> s = m.getStatistics().toMap();
      for (String k : List.of("cpu_pool", "gpu_pool", "cache_stats", "allocations_count")) {
        assertTrue(s.containsKey(k), k);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> cpu = (Map<String, Object>) s.get("cpu_pool");
      assertEquals(4096L, cpu.get("current_usage"));
      assertEquals(100.0 * 4096 / (512L << 20), (double) cpu.get("usage_percentage"), 1e-12);
      assertTrue(((Map<?, ?>) s.get("cache_stats")).containsKey("cache_efficiency"));
      assertEquals(1L, s.get("allocations_count"));
      assertEquals(4000L, s.get("live_bytes"));
      t.close();
    }
  }

  @Test
  void usageIsZero_afterAllTensorsFreedAndCleanup_underEveryPolicy() {
    for (MemoryPolicy p : MemoryPolicy.values()) {
      try (MemoryManager m = cpuOnly(p)) {
        Tensor[] ts = new Tensor[20];
        for (int i = 0; i < ts.length; i++) {
          ts[i] = alloc(m, 1000 * (i % 4 + 1), 3);
        }
        for (Tensor t : ts) {
          m.freeTensor(t);
        }
        m.cleanup();
        MemoryStatistics s = m.getStatistics();
        assertEquals(0, s.cpuPool().currentUsage(), p.value());
        assertEquals(0, s.gpuPool().currentUsage(), p.value());
        assertEquals(0, s.cpuStats().reservedBytes(), p.value());
        assertEquals(0, m.cpuMemoryPool().arrowAllocatedBytes(), p.value());
        assertEquals(0, s.liveTensors());
      }
    }
  }

  @Test
  void policies_haveMeasurablyDifferentEffects() {
    long[] shape = {300_000};
    // retention: CONSERVATIVE gives freed memory back to Arrow, AGGRESSIVE_REUSE keeps it
    try (MemoryManager conservative = cpuOnly(MemoryPolicy.CONSERVATIVE);
        MemoryManager aggressive = cpuOnly(MemoryPolicy.AGGRESSIVE_REUSE)) {
      alloc(conservative, shape).close();
      alloc(aggressive, shape).close();
      assertEquals(0, conservative.cpuMemoryPool().arrowAllocatedBytes());
      assertEquals(2L << 20, aggressive.cpuMemoryPool().arrowAllocatedBytes());
      assertEquals(0, conservative.tensorCache().maxSize());
      assertEquals(EvictionPolicy.ADAPTIVE, aggressive.tensorCache().evictionPolicy());
      // block rounding above 16 MiB: 64 KiB vs 4 MiB
      assertEquals((17L << 20) + (64 << 10), conservative.cpuMemoryPool().sizeClass((17L << 20) + 1));
      assertEquals(20L << 20, aggressive.cpuMemoryPool().sizeClass((17L << 20) + 1));
    }
    // pre-reservation: LATENCY_FIRST holds 1/8 of the CPU pool from the start
    try (MemoryManager latency = cpuOnly(MemoryPolicy.LATENCY_FIRST)) {
      assertEquals(64L << 20, latency.cpuMemoryPool().arrowAllocatedBytes());
      assertEquals(0, latency.getStatistics().cpuPool().currentUsage());
    }
    // working precision and GPU preference
    assertEquals(FeatureParams.Precision.FLOAT64, MemoryPolicy.QUALITY_FIRST.workingPrecision());
    assertEquals(FeatureParams.Precision.FLOAT32, MemoryPolicy.BALANCED.workingPrecision());
    assertFalse(MemoryPolicy.CONSERVATIVE.prefersGpu());
    assertTrue(MemoryPolicy.LATENCY_FIRST.prefersGpu());
  }

  @Test
  void setPolicy_retunesTheRunningManager() {
    try (MemoryManager m = cpuOnly(MemoryPolicy.AGGRESSIVE_REUSE)) {
      Tensor a = alloc(m, 1000);
      Tensor b = alloc(m, 2000);
      a.close();
      b.close();
      assertEquals(2, m.tensorCache().size());
      m.setPolicy(MemoryPolicy.CONSERVATIVE);
      assertEquals(MemoryPolicy.CONSERVATIVE, m.getPolicy());
      assertEquals(0, m.tensorCache().size(), "cache shrunk to the new size; memory released");
      assertEquals(0, m.cpuMemoryPool().arrowAllocatedBytes(), "retention 0 releases kept blocks");
      assertEquals(FeatureParams.Precision.FLOAT32, m.workingPrecision());
      m.setPolicy(MemoryPolicy.QUALITY_FIRST);
      assertEquals(FeatureParams.Precision.FLOAT64, m.workingPrecision());
      assertEquals(EvictionPolicy.LFU, m.tensorCache().evictionPolicy());
    }
  }

  @Test
  void explicitConfig_winsOverThePolicy() {
    MemoryManagerConfig c = MemoryManagerConfig.builder().policy(MemoryPolicy.CONSERVATIVE).cacheMaxEntries(7)
        .cacheEviction(EvictionPolicy.LFU).blockSize(1L << 20).cpuMaxSize(64L << 20).gpuMode(GpuMode.OFF).build();
    try (MemoryManager m = new MemoryManager(c)) {
      assertEquals(7, m.tensorCache().maxSize());
      assertEquals(EvictionPolicy.LFU, m.tensorCache().evictionPolicy());
      assertEquals(1L << 20, m.cpuMemoryPool().blockSize());
      assertEquals(64L << 20, m.getStatistics().cpuPool().maxSize());
    }
    assertThrows(InvalidParameterException.class, () -> MemoryManagerConfig.builder().cpuMaxSize(0).build());
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> MemoryManagerConfig.builder().blockSize(1000L).build());
    assertEquals("blockSize", e.parameter());
  }

  @Test
  void shutdown_reportsAndFreesLeaks_withAllocationSitesInDebugMode() {
    MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF)
        .debugAllocationSites(true).build());
    AtomicInteger leakEvents = new AtomicInteger();
    m.addListener(new MemoryEventListener() {
      @Override
      public void onLeak(LeakReport report) {
        leakEvents.incrementAndGet();
      }
    });
    Tensor kept = alloc(m, 100);
    alloc(m, 200);
    alloc(m, 50).close();
    LeakReport r = m.shutdown();
    assertEquals(2, r.count());
    assertEquals(1200, r.bytes());
    assertEquals(1, leakEvents.get());
    for (LeakedAllocation a : r.allocations()) {
      assertNotNull(a.allocationSite());
      assertTrue(a.allocationSite().contains("MemoryManagerTest"), a.allocationSite());
      assertEquals(MemoryManager.UNATTRIBUTED, a.owner());
    }
    assertTrue(r.summary().startsWith("2 tensors (1200 bytes) leaked"));
    assertFalse(kept.isLive());
    assertTrue(m.isClosed());
    assertTrue(r == m.shutdown(), "shutdown is idempotent");
    assertThrows(IllegalStateException.class, () -> m.allocateTensor(new long[] {1}, DType.FLOAT32));
  }

  @Test
  void withoutDebug_leaksCarryNoSite() {
    MemoryManager m = cpuOnly(MemoryPolicy.BALANCED);
    alloc(m, 10);
    LeakReport r = m.shutdown();
    assertEquals(1, r.count());
    assertNull(r.allocations().get(0).allocationSite());
  }

  @Test
  void owners_attributeAllocations_andReleaseOwnerFreesOnlyTheirs() {
    try (MemoryManager m = cpuOnly(MemoryPolicy.BALANCED)) {
      m.setCurrentOwner("task-1");
      Tensor a = alloc(m, 10);
      alloc(m, 20);
      m.setCurrentOwner("task-2");
      Tensor c = alloc(m, 30);
      m.setCurrentOwner(null);
      a.close();
      LeakReport r1 = m.releaseOwner("task-1");
      assertEquals(1, r1.count());
      assertEquals(80, r1.bytes());
      assertEquals("task-1", r1.allocations().get(0).owner());
      assertTrue(c.isLive());
      assertEquals(0, m.releaseOwner("task-1").count());
      c.close();
      assertEquals(0, m.releaseOwner("task-2").count());
    }
  }

  @Test
  void allocationScope_setsAndRestoresTheOwner_andReleasesOnClose() {
    try (MemoryManager m = cpuOnly(MemoryPolicy.BALANCED)) {
      m.setCurrentOwner("outer");
      Tensor leaked;
      AllocationScope scope;
      try (AllocationScope s = m.openScope("task-9", true)) {
        scope = s;
        assertEquals("task-9", m.getCurrentOwner());
        leaked = alloc(m, 64);
        alloc(m, 64).close();
      }
      assertEquals("outer", m.getCurrentOwner());
      assertEquals(1, scope.leakReport().count());
      assertEquals(256, scope.leakReport().bytes());
      assertFalse(leaked.isLive());
      m.setCurrentOwner(null);
      assertEquals(0, m.liveTensorCount());
    }
  }

  @Test
  void allocationFailures_areCountedAndReported_neverThrown() {
    AtomicInteger failures = new AtomicInteger();
    try (MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().cpuMaxSize(1L << 20)
        .gpuMode(GpuMode.OFF).build())) {
      m.addListener(new MemoryEventListener() {
        @Override
        public void onAllocationFailure(Device preferred, long bytes) {
          failures.incrementAndGet();
        }
      });
      assertTrue(m.allocateTensor(new long[] {1 << 20}, DType.FLOAT32).isEmpty());
      assertEquals(1, m.getStatistics().allocationFailures());
      assertEquals(1, failures.get());
      assertThrows(MemoryPoolExhaustedException.class,
          () -> m.allocateTensorOrThrow(new long[] {1 << 20}, DType.FLOAT32, false));
    }
  }

  @Test
  void fullPool_evictsTheRecyclingCacheBeforeFailing() {
    try (MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().cpuMaxSize(4L << 20)
        .cacheMaxBytes(4L << 20).policy(MemoryPolicy.AGGRESSIVE_REUSE).gpuMode(GpuMode.OFF).build())) {
      alloc(m, 1 << 19).close(); // 2 MiB now cached
      alloc(m, 1 << 18).close(); // 1 MiB cached
      assertEquals(2, m.tensorCache().size());
      Tensor big = m.allocateTensor(new long[] {1 << 20}, DType.FLOAT32).orElseThrow(); // 4 MiB
      assertEquals(0, m.tensorCache().size());
      big.close();
    }
  }

  @Test
  void cacheEvictions_areCountedInStatisticsAndListeners() {
    AtomicInteger evictions = new AtomicInteger();
    try (MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().cacheMaxEntries(2)
        .gpuMode(GpuMode.OFF).build())) {
      m.addListener(new MemoryEventListener() {
        @Override
        public void onCacheEviction(long bytes) {
          evictions.incrementAndGet();
        }
      });
      for (int n = 1; n <= 5; n++) {
        alloc(m, n).close();
      }
      assertEquals(3, m.getStatistics().cacheStats().evictions());
      assertEquals(3, evictions.get());
    }
  }
}
