package org.noodlevision.benchmarks.memory;

import java.util.concurrent.TimeUnit;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The seed's Memory Policy Comparison: per policy, 100 x allocate a (1024, 1024) float64 tensor and free it.
 * Reports the time per allocate+free; the cache efficiency and allocation count of each trial are printed at its
 * end ({@code policy stats:} lines). GPU off, so every policy uses the same CPU pool and the figures compare the
 * policies themselves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MemoryPolicyComparisonBenchmark {
  private static final long[] TEST_SHAPE = {1024, 1024};

  @Param({"CONSERVATIVE", "BALANCED", "AGGRESSIVE_REUSE", "QUALITY_FIRST", "LATENCY_FIRST"})
  public String policy;

  private MemoryManager manager;

  @Setup(Level.Trial)
  public void setUp() {
    manager = new MemoryManager(MemoryManagerConfig.builder().policy(MemoryPolicy.valueOf(policy))
        .gpuMode(org.noodlevision.memory.GpuMode.OFF).build());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    MemoryStatistics s = manager.getStatistics();
    System.out.printf("%npolicy stats: %s cache_efficiency=%.4f allocations_count=%d reuse_count=%d%n",
        manager.getPolicy().value(), s.cacheStats().cacheEfficiency(), s.allocationsCount(),
        s.cpuStats().reuseCount());
    manager.cleanup();
    manager.close();
  }

  @Benchmark
  @OperationsPerInvocation(100)
  public long allocateAndFree100() {
    long sum = 0;
    for (int i = 0; i < 100; i++) {
      Tensor t = manager.allocateTensor(TEST_SHAPE, DType.FLOAT64).orElse(null);
      if (t != null) {
        sum += t.address();
        manager.freeTensor(t);
      }
    }
    return sum;
  }
}
