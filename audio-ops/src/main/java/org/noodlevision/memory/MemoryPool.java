package org.noodlevision.memory;

import java.util.Optional;

/**
 * A bounded pool of memory blocks (the seed's {@code MemoryPool}). Implementations: {@link CpuMemoryPool}
 * (off-heap, Arrow-accounted) and {@link GpuMemoryPool} (CUDA device memory). All methods are thread-safe and all
 * counters exact.
 *
 * <p>{@code maxSize} is a hard cap on the memory the pool holds (live blocks plus freed blocks kept for reuse):
 * a request that cannot fit even after releasing every kept block returns {@link Optional#empty()}.
 */
public abstract class MemoryPool implements AutoCloseable {
  /** The seed's default block size, 1 MiB. */
  public static final long DEFAULT_BLOCK_SIZE = 1L << 20;

  /** Allocates a block of at least {@code size} bytes, or empty when the pool cannot serve it. */
  public abstract Optional<MemoryBlock> allocate(long size);

  /**
   * Allocates like {@link #allocate(long)} but raises {@link MemoryPoolExhaustedException} instead of returning
   * empty.
   */
  public MemoryBlock allocateOrThrow(long size) {
    return allocate(size).orElseThrow(() -> new MemoryPoolExhaustedException(name(), size,
        getUsage().currentUsage(), maxSize(), maxSizeSetting()));
  }

  /**
   * Returns a block to the pool. Freeing a block twice, or a block of another pool, raises an exception
   * ({@link MemoryAlreadyFreedException} / {@link IllegalArgumentException}) and changes nothing.
   */
  public abstract void free(MemoryBlock block);

  /** Exact counters. */
  public abstract MemoryStats getStats();

  /** Current usage, maximum size and their ratio. */
  public abstract PoolUsage getUsage();

  /** The hard cap in bytes. */
  public abstract long maxSize();

  /** Rounding granularity of large requests, a power of two. */
  public abstract long blockSize();

  /** Where the pool's memory lives. */
  public abstract Device device();

  /** Whether the pool can allocate at all (false for a GPU pool without a usable GPU). */
  public abstract boolean isAvailable();

  /** Releases every freed block the pool keeps for reuse back to Arrow/CUDA; live blocks stay. */
  public abstract void trim();

  /** Releases everything the pool holds, live blocks included; later calls allocate nothing. Idempotent. */
  @Override
  public abstract void close();

  /** A short name for messages, e.g. {@code "CPU memory pool"}. */
  public abstract String name();

  String maxSizeSetting() {
    return "the pool's maxSize";
  }
}
