package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Eight threads allocate and free random sizes on one manager while a checker verifies the invariants: no memory
 * handed out twice, usage equals the bytes of live blocks at quiescent points, peak >= usage, zero after cleanup.
 */
class MemoryManagerStressTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 4;
  private static final int OPS = 1500;

  @ParameterizedTest
  @EnumSource(MemoryPolicy.class)
  void eightThreads_randomSizes_keepEveryInvariant(MemoryPolicy policy) throws Exception {
    MemoryManager m = new MemoryManager(MemoryManagerConfig.builder().policy(policy).cpuMaxSize(96L << 20)
        .gpuMode(GpuMode.OFF).build());
    Map<Long, Tensor> owners = new ConcurrentHashMap<>();
    AtomicLong overlaps = new AtomicLong();
    AtomicLong liveBytes = new AtomicLong();
    List<List<Tensor>> perThread = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      perThread.add(new ArrayList<>());
    }
    CyclicBarrier barrier = new CyclicBarrier(THREADS + 1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        final int id = t;
        futures.add(pool.submit(() -> {
          Random rnd = new Random(id * 7919L + policy.ordinal());
          List<Tensor> mine = perThread.get(id);
          m.setCurrentOwner("thread-" + id);
          for (int round = 0; round < ROUNDS; round++) {
            for (int op = 0; op < OPS; op++) {
              if (!mine.isEmpty() && (rnd.nextInt(3) == 0 || mine.size() > 12)) {
                Tensor x = mine.remove(rnd.nextInt(mine.size()));
                owners.remove(x.address(), x);
                liveBytes.addAndGet(-x.block().size());
                m.freeTensor(x);
              } else {
                long n = 1 + (rnd.nextBoolean() ? rnd.nextInt(64) : rnd.nextInt(1 << 18));
                long[] shape = rnd.nextBoolean() ? new long[] {n} : new long[] {1 + rnd.nextInt(4), n};
                m.allocateTensor(shape, DType.FLOAT32, false).ifPresent(x -> {
                  if (owners.putIfAbsent(x.address(), x) != null) {
                    overlaps.incrementAndGet();
                  }
                  liveBytes.addAndGet(x.block().size());
                  x.setFloat(0, id);
                  x.setFloat(x.size() - 1, id);
                  mine.add(x);
                });
                for (Tensor y : mine) {
                  if (y.getFloat(0) != id) {
                    overlaps.incrementAndGet();
                  }
                }
              }
            }
            barrier.await(60, TimeUnit.SECONDS);
            barrier.await(60, TimeUnit.SECONDS);
          }
          return null;
        }));
      }
      for (int round = 0; round < ROUNDS; round++) {
        barrier.await(60, TimeUnit.SECONDS);
        // quiescent: all workers are waiting at the barrier
        MemoryStatistics s = m.getStatistics();
        long cacheHeld = m.tensorCache().blockBytes();
        assertEquals(liveBytes.get() + cacheHeld, s.cpuPool().currentUsage(), "usage == bytes of live blocks");
        assertTrue(s.cpuStats().peakUsage() >= s.cpuPool().currentUsage());
        assertTrue(s.cpuStats().reservedBytes() <= 96L << 20);
        assertEquals(s.cpuStats().reservedBytes(), m.cpuMemoryPool().arrowAllocatedBytes());
        assertEquals(m.cpuMemoryPool().liveBlockCount(), s.liveTensors() + s.cacheStats().size());
        barrier.await(60, TimeUnit.SECONDS);
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, overlaps.get(), "a block was handed out twice");
    for (List<Tensor> mine : perThread) {
      mine.forEach(m::freeTensor);
    }
    m.cleanup();
    MemoryStatistics end = m.getStatistics();
    assertEquals(0, end.cpuPool().currentUsage());
    assertEquals(0, end.cpuStats().reservedBytes());
    assertEquals(0, m.cpuMemoryPool().arrowAllocatedBytes());
    assertEquals(0, end.liveBytes());
    assertTrue(end.allocationsCount() > 0);
    assertTrue(m.shutdown().isEmpty());
  }
}
