package org.noodlevision.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;

/**
 * A pool exhausted by concurrent tasks makes them wait, then fall back, never fail: 8 tasks share a CPU pool that
 * holds 2 of their working buffers at a time. Each uses {@link MemoryManager#allocateTensorWaiting} and, when it
 * times out, computes the same result in a heap array.
 */
class PoolExhaustionTest {
  private static final int TASKS = 8;
  private static final int FLOATS = 64 * 1024; // 256 KiB, a power of two: pool units equal tensor bytes
  private static final long BYTES = FLOATS * 4L;

  private static MemoryManager tinyManager(long poolBytes) {
    return new MemoryManager(MemoryManagerConfig.builder().policy(MemoryPolicy.BALANCED).cpuMaxSize(poolBytes)
        .cacheMaxEntries(0).preReserveBytes(0L).gpuMode(GpuMode.OFF).build());
  }

  /** The "task": fills a buffer with a pattern and sums it; the result does not depend on where the buffer lives. */
  private static double work(int task, int round, Optional<Tensor> pooled) {
    double sum = 0;
    if (pooled.isPresent()) {
      try (Tensor t = pooled.get()) {
        for (int i = 0; i < FLOATS; i++) {
          t.setFloat(i, (i % 97) + task + round);
        }
        for (int i = 0; i < FLOATS; i++) {
          sum += t.getFloat(i);
        }
      }
    } else {
      float[] heap = new float[FLOATS];
      for (int i = 0; i < FLOATS; i++) {
        heap[i] = (i % 97) + task + round;
      }
      for (float v : heap) {
        sum += v;
      }
    }
    return sum;
  }

  private static double expected(int task, int round) {
    double sum = 0;
    for (int i = 0; i < FLOATS; i++) {
      sum += (float) ((i % 97) + task + round);
    }
    return sum;
  }

  @Test
  void eightConcurrentTasks_onATinyPool_waitOrFallBack_neverFail_andTheCapHolds() throws Exception {
    long poolBytes = 2 * BYTES;
    try (MemoryManager manager = tinyManager(poolBytes)) {
      int rounds = 40;
      AtomicLong pooledRuns = new AtomicLong();
      AtomicLong fallbackRuns = new AtomicLong();
      AtomicLong maxSeenUsage = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread sampler = new Thread(() -> {
        while (running.get()) {
          maxSeenUsage.accumulateAndGet(manager.getStatistics().cpuPool().currentUsage(), Math::max);
          java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
      });
      sampler.start();
      ExecutorService pool = Executors.newFixedThreadPool(TASKS);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int task = 0; task < TASKS; task++) {
        int id = task;
        results.add(pool.submit(() -> {
          start.await();
          manager.setCurrentOwner("task-" + id);
          int ok = 0;
          for (int round = 0; round < rounds; round++) {
            // a short timeout: some requests wait and succeed, some time out and fall back
            Optional<Tensor> t = manager.allocateTensorWaiting(new long[] {FLOATS}, DType.FLOAT32, false,
                2, TimeUnit.MILLISECONDS);
            (t.isPresent() ? pooledRuns : fallbackRuns).incrementAndGet();
            if (work(id, round, t) == expected(id, round)) {
              ok++;
            }
          }
          return ok;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertEquals(rounds, f.get(120, TimeUnit.SECONDS), "every round of every task computed the right sum");
      }
      pool.shutdown();
      running.set(false);
      sampler.join();

      MemoryStatistics s = manager.getStatistics();
      assertEquals(TASKS * rounds, pooledRuns.get() + fallbackRuns.get());
      assertTrue(pooledRuns.get() > 0, "some requests were served by the pool");
      assertTrue(maxSeenUsage.get() <= poolBytes, "cap held: saw " + maxSeenUsage.get() + " of " + poolBytes);
      assertEquals(fallbackRuns.get(), s.allocationFailures(), "one failure counted per fallback, none per retry");
      assertEquals(0, s.liveTensors());
      assertEquals(0, s.cpuPool().currentUsage(), "pool back to empty");
    }
  }

  @Test
  void aWaitingRequest_isServedWhenAnotherTaskFrees() throws Exception {
    try (MemoryManager manager = tinyManager(BYTES)) {
      Tensor holder = manager.allocateTensorOrThrow(new long[] {FLOATS}, DType.FLOAT32, false);
      assertTrue(manager.allocateTensor(new long[] {FLOATS}, DType.FLOAT32, false).isEmpty(), "pool exhausted");
      CountDownLatch waiting = new CountDownLatch(1);
      ExecutorService ex = Executors.newSingleThreadExecutor();
      Future<Optional<Tensor>> waiter = ex.submit(() -> {
        waiting.countDown();
        return manager.allocateTensorWaiting(new long[] {FLOATS}, DType.FLOAT32, false, 60, TimeUnit.SECONDS);
      });
      waiting.await();
      Thread.sleep(50); // let it reach its wait (not an assertion on timing: it succeeds either way)
      holder.close();
      Optional<Tensor> served = waiter.get(60, TimeUnit.SECONDS);
      assertTrue(served.isPresent(), "the waiting request got the freed memory");
      served.get().close();
      ex.shutdown();
      assertEquals(0, manager.getStatistics().cpuPool().currentUsage());
    }
  }

  @Test
  void aTimedOutRequest_returnsEmpty_andARequestLargerThanThePool_doesNotWait() throws Exception {
    try (MemoryManager manager = tinyManager(BYTES)) {
      try (Tensor holder = manager.allocateTensorOrThrow(new long[] {FLOATS}, DType.FLOAT32, false)) {
        assertTrue(holder.isLive());
        assertFalse(manager.allocateTensorWaiting(new long[] {FLOATS}, DType.FLOAT32, false, 20,
            TimeUnit.MILLISECONDS).isPresent(), "timed out: the caller falls back");
      }
      // larger than the whole pool: empty at once (a 1-hour timeout would otherwise hang the test)
      assertFalse(manager.allocateTensorWaiting(new long[] {2L * FLOATS}, DType.FLOAT32, false, 1,
          TimeUnit.HOURS).isPresent());
      // a GPU-preferring request without a GPU falls back to the CPU pool
      try (Tensor t = manager.allocateTensorWaiting(new long[] {FLOATS}, DType.FLOAT32, true, 1,
          TimeUnit.SECONDS).orElseThrow()) {
        assertEquals(org.noodlevision.memory.Device.CPU, t.device());
      }
      assertEquals(1, manager.getStatistics().gpuFallbacks());
      assertEquals(2, manager.getStatistics().allocationFailures());
    }
  }
}
