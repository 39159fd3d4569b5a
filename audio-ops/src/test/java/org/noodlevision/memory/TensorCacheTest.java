package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;

class TensorCacheTest {
  private final MemoryManager manager = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF)
      .policy(MemoryPolicy.CONSERVATIVE).build());

  @AfterEach
  void close() {
    assertEquals(0, manager.shutdown().count(), "every cached tensor was released");
  }

  private Tensor tensor(long n) {
    return manager.allocateTensor(new long[] {n}, DType.FLOAT32).orElseThrow();
  }

  private static boolean has(TensorCache c, long n) {
    long hits = c.getStats().hits();
    boolean found = c.get(new long[] {n}, DType.FLOAT32).isPresent();
    assertEquals(hits + (found ? 1 : 0), c.getStats().hits());
    return found;
  }

  @Test
  void get_returnsTheSameCachedTensorAndKeepsIt() {
    try (TensorCache cache = new TensorCache()) {
      Tensor t = tensor(10);
      cache.add(t);
      assertSame(t, cache.get(new long[] {10}, DType.FLOAT32).orElseThrow());
      assertSame(t, cache.get(new long[] {10}, DType.FLOAT32).orElseThrow());
      assertTrue(cache.get(new long[] {10}, DType.FLOAT64).isEmpty());
      assertEquals(2, cache.getStats().hits());
      assertEquals(1, cache.getStats().misses());
      assertEquals(1, cache.size());
      assertTrue(t.isLive());
    }
  }

  @Test
  void lru_evictsTheLeastRecentlyUsed_andReleasesItsMemory() {
    try (TensorCache cache = new TensorCache(2, EvictionPolicy.LRU)) {
      Tensor a = tensor(1);
      Tensor b = tensor(2);
      cache.add(a);
      cache.add(b);
      cache.get(new long[] {1}, DType.FLOAT32);
      cache.add(tensor(3));
      assertFalse(b.isLive(), "evicted tensor is freed");
      assertTrue(a.isLive());
      assertEquals(1, cache.getStats().evictions());
      assertEquals(2, manager.liveTensorCount());
    }
  }

  @Test
  void lfu_evictsTheLeastFrequentlyUsed() {
    try (TensorCache cache = new TensorCache(2, EvictionPolicy.LFU)) {
      cache.add(tensor(1));
      cache.add(tensor(2));
      for (int i = 0; i < 3; i++) {
        has(cache, 1);
      }
      has(cache, 2); // 2 is now most recent but less frequent than 1
      cache.add(tensor(3));
      assertTrue(has(cache, 1));
      assertFalse(has(cache, 2));
      assertTrue(has(cache, 3));
    }
  }

  @Test
  void adaptive_protectsAFrequentEntryFromABurstOfOneOffs_unlikeLru() {
    for (EvictionPolicy p : new EvictionPolicy[] {EvictionPolicy.LRU, EvictionPolicy.ADAPTIVE}) {
      try (TensorCache cache = new TensorCache(4, p)) {
        cache.add(tensor(1));
        for (int i = 0; i < 5; i++) {
          has(cache, 1);
        }
        for (int n = 100; n < 110; n++) {
          cache.add(tensor(n));
        }
        assertEquals(p == EvictionPolicy.ADAPTIVE, has(cache, 1), p.value());
        assertEquals(4, cache.size());
      }
    }
  }

  @Test
  void maxBytes_boundsTheCache() {
    try (TensorCache cache = new TensorCache(100, EvictionPolicy.LRU, 4096, 300)) {
      cache.add(tensor(512)); // 2048 bytes
      cache.add(tensor(256)); // 1024
      cache.add(tensor(400)); // 1600 -> evicts the 512
      assertEquals(2, cache.size());
      assertTrue(cache.getStats().bytes() <= 4096);
      Tensor huge = tensor(2000);
      cache.add(huge);
      assertFalse(huge.isLive(), "a tensor bigger than the cache is released at once");
    }
  }

  @Test
  void add_sameKey_replacesAndFreesTheOldOne() {
    try (TensorCache cache = new TensorCache()) {
      Tensor a = tensor(8);
      Tensor b = tensor(8);
      cache.add(a);
      cache.add(b);
      assertFalse(a.isLive());
      assertSame(b, cache.get(new long[] {8}, DType.FLOAT32).orElseThrow());
      cache.add(b);
      assertTrue(b.isLive(), "re-adding the cached tensor keeps it");
    }
  }

  @Test
  void cleanup_dropsEntriesIdleLongerThanTheTtl() throws InterruptedException {
    try (TensorCache cache = new TensorCache(10, EvictionPolicy.LRU, Long.MAX_VALUE, 0.05)) {
      Tensor old = tensor(1);
      cache.add(old);
      Thread.sleep(80);
      Tensor fresh = tensor(2);
      cache.add(fresh);
      cache.cleanup();
      assertFalse(old.isLive());
      assertTrue(fresh.isLive());
      assertEquals(1, cache.size());
    }
  }

  @Test
  void zeroSizedCache_releasesWhatItIsGiven() {
    try (TensorCache cache = new TensorCache(0, EvictionPolicy.LRU)) {
      Tensor t = tensor(4);
      cache.add(t);
      assertFalse(t.isLive());
    }
  }

  @Test
  void evictionPolicyNames_andBadSizes() {
    assertEquals(EvictionPolicy.ADAPTIVE, EvictionPolicy.fromName("adaptive"));
    assertEquals("lfu", EvictionPolicy.LFU.value());
    assertThrows(InvalidParameterException.class, () -> EvictionPolicy.fromName("fifo"));
    assertThrows(InvalidParameterException.class, () -> new TensorCache(-1, EvictionPolicy.LRU));
  }
}
