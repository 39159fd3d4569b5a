package org.noodlevision.memory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.memory.rounding.RoundingPolicy;
import org.noodlevision.InvalidParameterException;

/**
 * Off-heap memory pool accounted through an Arrow {@link BufferAllocator} (a child allocator of the process root,
 * or of a parent you give, with {@code maxSize} as its limit).
 *
 * <h2>Design: size classes with per-class free lists</h2>
 * Every request is rounded up to a <em>size class</em>: below Arrow's chunk size (16 MiB) the next power of two
 * (at least {@value #MIN_CLASS} bytes), exactly what Arrow's rounding policy reserves anyway; above it, the next
 * multiple of {@link #blockSize()}. The class is the block's {@link MemoryBlock#size()} and the unit of every
 * counter, so the pool's usage equals what Arrow accounts for it ({@code reservedBytes == allocator
 * .getAllocatedMemory()}).
 *
 * <p>A freed block goes onto its class's free list if the freed memory kept does not exceed
 * {@code retainFraction x maxSize}; otherwise its Arrow buffer is released at once. A request takes a block from
 * its class's free list when there is one (a reuse: no Arrow call, a few tens of nanoseconds) and otherwise
 * allocates a new Arrow buffer. When a new buffer would push the pool over {@code maxSize}, kept free blocks are
 * released first; if it still does not fit, the request returns {@link Optional#empty()}. No splitting or
 * coalescing is needed: power-of-two classes waste at most half a block, which Arrow would waste anyway.
 *
 * <p>All state sits under one lock, so usage, peak and counts are exact under any concurrency. Calls into Arrow
 * for new buffers and for releasing buffers happen outside the lock (they take tens to hundreds of microseconds);
 * their bytes are counted as <em>in flight</em> against {@code maxSize} meanwhile, so the cap holds at every moment
 * and Arrow's own limit is never what refuses a request. Thread-safe.
 */
public final class CpuMemoryPool extends MemoryPool {
  /** Smallest size class, bytes. */
  public static final long MIN_CLASS = 64;
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final BufferAllocator allocator;
  private final RoundingPolicy rounding;
  private final long maxSize;
  private final Object lock = new Object();
  private final Map<Long, ArrayDeque<ArrowBuf>> freeLists = new HashMap<>();
  private final Set<MemoryBlock> liveBlocks = Collections.newSetFromMap(new IdentityHashMap<>());
  private volatile long blockSize;
  private double retainFraction;
  private long live;
  private long retained;
  /** Bytes being allocated from or returned to Arrow outside the lock; counted against maxSize. */
  private long inFlight;
  private long peak;
  private long totalAllocated;
  private long allocations;
  private long frees;
  private long reuses;
  private long failures;
  private boolean closed;

  /** A pool of at most {@code maxSize} bytes with 1 MiB blocks, keeping all freed memory for reuse. */
  public CpuMemoryPool(long maxSize) {
    this(maxSize, DEFAULT_BLOCK_SIZE);
  }

  /** A pool of at most {@code maxSize} bytes; {@code blockSize} (a power of two) rounds requests above 16 MiB. */
  public CpuMemoryPool(long maxSize, long blockSize) {
    this(ArrowRoot.get(), maxSize, blockSize, 1.0);
  }

  /** As {@link #CpuMemoryPool(long, long)}, accounting under {@code parent} (e.g. an application allocator). */
  public CpuMemoryPool(BufferAllocator parent, long maxSize, long blockSize) {
    this(parent, maxSize, blockSize, 1.0);
  }

  CpuMemoryPool(BufferAllocator parent, long maxSize, long blockSize, double retainFraction) {
    if (maxSize <= 0) {
      throw new InvalidParameterException("maxSize", maxSize, "a positive number of bytes");
    }
    checkBlockSize(blockSize);
    this.maxSize = maxSize;
    this.blockSize = blockSize;
    this.retainFraction = checkRetain(retainFraction);
    this.allocator = parent.newChildAllocator("noodlevision-cpu-pool-" + SEQ.incrementAndGet(), 0, maxSize);
    this.rounding = allocator.getRoundingPolicy();
  }

  static void checkBlockSize(long blockSize) {
    if (blockSize < 4096 || blockSize > (1L << 30) || Long.bitCount(blockSize) != 1) {
      throw new InvalidParameterException("blockSize", blockSize, "a power of two from 4096 (4 KiB) to 1 GiB");
    }
  }

  static double checkRetain(double retainFraction) {
    if (!(retainFraction >= 0 && retainFraction <= 1)) {
      throw new InvalidParameterException("retainFraction", retainFraction, "a fraction from 0 to 1");
    }
    return retainFraction;
  }

  /** The size class (block size in pool units) a request of {@code size} bytes gets. */
  public long sizeClass(long size) {
    long s = Math.max(size, MIN_CLASS);
    long r = rounding.getRoundedSize(s);
    long bs = blockSize;
    if (r > bs && (r & (bs - 1)) != 0) {
      r = (r + bs - 1) & -bs;
    }
    return r;
  }

  @Override
  public Optional<MemoryBlock> allocate(long size) {
    if (size < 0) {
      throw new InvalidParameterException("size", size, "a number of bytes >= 0");
    }
    if (size > maxSize) {
      synchronized (lock) {
        failures++;
      }
      return Optional.empty();
    }
    long cls = sizeClass(size);
    boolean fits;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(name() + " is closed");
      }
      ArrayDeque<ArrowBuf> list = freeLists.get(cls);
      if (list != null && !list.isEmpty()) {
        ArrowBuf buf = list.pop();
        retained -= cls;
        reuses++;
        return Optional.of(handOutLocked(buf, cls, size));
      }
      if (live + retained + inFlight + cls > maxSize) {
        // the rare full-pool path: kept blocks are released under the lock, so the cap is never crossed
        releaseRetainedLocked(live + retained + inFlight + cls - maxSize);
      }
      fits = live + retained + inFlight + cls <= maxSize;
      if (fits) {
        inFlight += cls; // reserved now, so that concurrent requests see it; allocated outside the lock
      } else {
        failures++;
      }
    }
    if (!fits) {
      return Optional.empty();
    }
    ArrowBuf buf;
    try {
      buf = allocator.buffer(cls);
    } catch (OutOfMemoryException | OutOfMemoryError e) {
      // Arrow's limit or the JVM's direct-memory limit: reported as an empty result, never rethrown.
      synchronized (lock) {
        inFlight -= cls;
        failures++;
      }
      return Optional.empty();
    }
    synchronized (lock) {
      inFlight -= cls;
      if (closed) {
        buf.close();
        throw new IllegalStateException(name() + " was closed during an allocation");
      }
      return Optional.of(handOutLocked(buf, cls, size));
    }
  }

  private MemoryBlock handOutLocked(ArrowBuf buf, long cls, long size) {
    live += cls;
    if (live > peak) {
      peak = live;
    }
    totalAllocated += cls;
    allocations++;
    MemoryBlock block = new MemoryBlock(buf.memoryAddress(), cls, size, MemoryBlock.nowSeconds(), this, buf, true);
    liveBlocks.add(block);
    return block;
  }

  @Override
  public void free(MemoryBlock block) {
    if (block.pool() != this) {
      throw new IllegalArgumentException(block + " does not belong to " + name());
    }
    ArrowBuf buf = (ArrowBuf) block.backing();
    long cls = block.size();
    synchronized (lock) {
      if (!block.markFreed()) {
        throw new MemoryAlreadyFreedException("MemoryBlock of " + cls + " bytes at 0x"
            + Long.toHexString(block.pointer()));
      }
      liveBlocks.remove(block);
      live -= cls;
      frees++;
      if (!closed && retained + cls <= (long) (retainFraction * maxSize)) {
        freeLists.computeIfAbsent(cls, k -> new ArrayDeque<>()).push(buf);
        retained += cls;
        return;
      }
      if (closed) {
        buf.close();
        return;
      }
      inFlight += cls; // still held by Arrow until closed below
    }
    closeReleased(List.of(buf));
  }

  private void closeReleased(List<ArrowBuf> bufs) {
    if (bufs == null || bufs.isEmpty()) {
      return;
    }
    long bytes = 0;
    for (ArrowBuf b : bufs) {
      bytes += b.capacity();
      b.close();
    }
    synchronized (lock) {
      inFlight -= bytes;
    }
  }

  /** Releases kept free blocks, largest classes first, until at least {@code needed} bytes are released. */
  private void releaseRetainedLocked(long needed) {
    List<Long> classes = new ArrayList<>(freeLists.keySet());
    classes.sort(Collections.reverseOrder());
    long released = 0;
    for (Long cls : classes) {
      ArrayDeque<ArrowBuf> list = freeLists.get(cls);
      while (!list.isEmpty() && released < needed) {
        list.pop().close();
        retained -= cls;
        released += cls;
      }
      if (released >= needed) {
        return;
      }
    }
  }

  /**
   * Reserves up to {@code bytes} of blocks of {@code blockClassSize} from Arrow now and keeps them free, so that
   * the first requests of that class are reuses (the LATENCY_FIRST policy). Bounded by the retain limit and
   * {@code maxSize}. Returns the bytes reserved.
   */
  long preReserve(long bytes, long blockRequest) {
    long cls = sizeClass(blockRequest);
    long done = 0;
    synchronized (lock) {
      long limit = Math.min((long) (retainFraction * maxSize), maxSize);
      while (done + cls <= bytes && retained + cls <= limit && live + retained + inFlight + cls <= maxSize) {
        ArrowBuf buf;
        try {
          buf = allocator.buffer(cls);
        } catch (OutOfMemoryException | OutOfMemoryError e) {
          break;
        }
        freeLists.computeIfAbsent(cls, k -> new ArrayDeque<>()).push(buf);
        retained += cls;
        done += cls;
      }
    }
    return done;
  }

  /** Changes retention and block rounding (a policy change); kept blocks over the new limit are released. */
  void tune(double retainFraction, long blockSize) {
    checkBlockSize(blockSize);
    synchronized (lock) {
      this.retainFraction = checkRetain(retainFraction);
      this.blockSize = blockSize;
      long limit = (long) (retainFraction * maxSize);
      if (retained > limit) {
        releaseRetainedLocked(retained - limit);
      }
    }
  }

  @Override
  public void trim() {
    synchronized (lock) {
      releaseRetainedLocked(Long.MAX_VALUE);
      freeLists.clear();
    }
  }

  @Override
  public MemoryStats getStats() {
    synchronized (lock) {
      return new MemoryStats(totalAllocated, peak, live, live + retained + inFlight, allocations, frees, reuses,
          failures);
    }
  }

  @Override
  public PoolUsage getUsage() {
    synchronized (lock) {
      return PoolUsage.of(live, maxSize);
    }
  }

  /** Bytes Arrow accounts to this pool's allocator: live plus kept blocks. */
  public long arrowAllocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Bytes of freed blocks kept for reuse. */
  public long retainedBytes() {
    synchronized (lock) {
      return retained;
    }
  }

  /** Number of blocks handed out and not freed. */
  public int liveBlockCount() {
    synchronized (lock) {
      return liveBlocks.size();
    }
  }

  @Override
  public long maxSize() {
    return maxSize;
  }

  @Override
  public long blockSize() {
    return blockSize;
  }

  @Override
  public Device device() {
    return Device.CPU;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public String name() {
    return "CPU memory pool";
  }

  /**
   * Frees live blocks (they are leaks at this point; the manager reports them before), releases kept blocks and
   * closes the Arrow allocator. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (MemoryBlock b : new ArrayList<>(liveBlocks)) {
        b.markFreed();
        ((ArrowBuf) b.backing()).close();
        live -= b.size();
        frees++;
      }
      liveBlocks.clear();
      releaseRetainedLocked(Long.MAX_VALUE);
      freeLists.clear();
    }
    allocator.close();
  }
}
