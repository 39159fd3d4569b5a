package org.noodlevision.benchmarks.memory;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.noodlevision.memory.CpuMemoryPool;
import org.noodlevision.memory.MemoryBlock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1 MiB allocate + free: from a warm {@link CpuMemoryPool} (shared by all benchmark threads, as one executor's
 * tasks share one manager) versus a fresh direct allocation of the same size, either
 * {@link ByteBuffer#allocateDirect} (freed by the GC's cleaner) or a fresh Arrow buffer from a root allocator
 * (allocated and closed). Run with {@code -t 1} and {@code -t 2}; SampleTime mode reports the median (p0.50).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:MaxDirectMemorySize=2g"})
public class PooledAllocationBenchmark {
  static final long ONE_MIB = 1L << 20;

  private CpuMemoryPool pool;
  private BufferAllocator arrow;

  @Setup(Level.Trial)
  public void setUp() {
    pool = new CpuMemoryPool(256 * ONE_MIB);
    MemoryBlock[] warm = new MemoryBlock[16];
    for (int i = 0; i < warm.length; i++) {
      warm[i] = pool.allocate(ONE_MIB).orElseThrow();
    }
    for (MemoryBlock b : warm) {
      pool.free(b);
    }
    arrow = new RootAllocator(Long.MAX_VALUE);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("\npool stats: " + pool.getStats());
    pool.close();
    arrow.close();
  }

  @Benchmark
  public long pooledAllocateFree() {
    MemoryBlock b = pool.allocate(ONE_MIB).orElseThrow();
    long p = b.pointer();
    pool.free(b);
    return p;
  }

  @Benchmark
  public ByteBuffer freshAllocateDirect() {
    return ByteBuffer.allocateDirect((int) ONE_MIB);
  }

  @Benchmark
  public long freshArrowBuffer() {
    ArrowBuf b = arrow.buffer(ONE_MIB);
    long p = b.memoryAddress();
    b.close();
    return p;
  }
}
