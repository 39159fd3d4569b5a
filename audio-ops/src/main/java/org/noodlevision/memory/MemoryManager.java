package org.noodlevision.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.noodlevision.audio.features.FeatureParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code MemoryManager}: tensors from a bounded off-heap CPU pool ({@link CpuMemoryPool}) and, when a
 * GPU is usable, a CUDA pool ({@link GpuMemoryPool}), with a recycling {@link TensorCache} in front and a
 * {@link MemoryPolicy} that tunes all three. One manager serves all tasks of an executor: every method is
 * thread-safe.
 *
 * <h2>Allocation</h2>
 * {@link #allocateTensor(long[], DType, boolean)} looks in the recycling cache for a freed tensor of the same shape,
 * dtype and device (a cache hit), else asks the preferred pool; a GPU-preferring request that the GPU pool cannot
 * serve (no GPU, or full) is served by the CPU pool and counted as a GPU fallback. If the pool is full, the
 * recycling cache is emptied and the request retried once; if it still fails the result is empty and an allocation
 * failure is counted. Never an {@link OutOfMemoryError}.
 *
 * <h2>Waiting for memory</h2>
 * {@link #allocateTensorWaiting(long[], DType, boolean, long, TimeUnit)} is the bounded wait-then-fallback policy for
 * concurrent tasks sharing an exhausted pool: it retries each time another thread returns memory, up to a timeout,
 * and then returns empty so that the caller falls back (to heap buffers, or to a smaller working set) instead of
 * failing.
 *
 * <h2>Freeing and recycling</h2>
 * {@link #freeTensor} (or {@link Tensor#close()}) ends the tensor's handle; its memory goes into the recycling
 * cache when the policy enables one, else back to its pool. {@link #cleanup()} empties the cache and returns kept
 * free memory to Arrow/CUDA, so once every tensor is freed, both pools report zero usage.
 *
 * <h2>Owners and leaks</h2>
 * Allocations are attributed to the thread's current owner ({@link #setCurrentOwner}, {@link #openScope}).
 * {@link #releaseOwner} frees what one owner left allocated and reports it; {@link #shutdown()} (and
 * {@link #close()}) frees and reports everything still allocated, with allocation stacks when
 * {@link MemoryManagerConfig.Builder#debugAllocationSites} is on, and logs one warning line per report.
 */
public final class MemoryManager implements AutoCloseable {
  /** Owner of allocations made with no owner set. */
  public static final String UNATTRIBUTED = "unattributed";
  private static final Logger LOG = LoggerFactory.getLogger(MemoryManager.class);

  private record LiveRecord(String owner, double timestamp, String site) {}

  private final MemoryManagerConfig config;
  private final CpuMemoryPool cpuPool;
  private final GpuMemoryPool gpuPool;
  private final TensorCache recycler;
  private final Map<Tensor, LiveRecord> live = new ConcurrentHashMap<>();
  private final AtomicLong liveBytes = new AtomicLong();
  private final ThreadLocal<String> currentOwner = new ThreadLocal<>();
  private final AtomicLong allocationsCount = new AtomicLong();
  private final AtomicLong allocationFailures = new AtomicLong();
  private final AtomicLong gpuFallbacks = new AtomicLong();
  private final AtomicLong heapFallbacks = new AtomicLong();
  private final List<MemoryEventListener> listeners = new CopyOnWriteArrayList<>();
  /** Monitor that threads in {@link #allocateTensorWaiting} wait on; signalled whenever memory is returned. */
  private final Object memoryReturned = new Object();
  private final AtomicInteger waiters = new AtomicInteger();
  /** Incremented (under {@link #memoryReturned}) each time memory is returned while someone waits. */
  private long returnGeneration;
  private volatile MemoryPolicy policy;
  private volatile boolean closed;
  private LeakReport shutdownReport;

  /** BALANCED policy, default sizes. */
  public MemoryManager() {
    this(MemoryPolicy.BALANCED);
  }

  /** The given policy, default sizes. */
  public MemoryManager(MemoryPolicy policy) {
    this(MemoryManagerConfig.of(policy));
  }

  public MemoryManager(MemoryManagerConfig config) {
    this.config = config;
    this.policy = config.policy();
    MemoryPolicy p = policy;
    this.cpuPool = new CpuMemoryPool(config.parentAllocator() == null ? ArrowRoot.get() : config.parentAllocator(),
        config.cpuMaxSize(), config.blockSize(p), config.retainFraction(p));
    this.gpuPool = new GpuMemoryPool(config.gpuMaxSize(), config.blockSize(p), config.deviceOrdinal(),
        config.retainFraction(p), config.gpuMode(), config.gpuSegmentSize());
    this.recycler = new TensorCache(config.cacheMaxEntries(p), config.cacheEviction(p), config.cacheMaxBytes(),
        config.cacheTtlSeconds(), this::releaseRecycled, this::onEviction);
    preReserve(p);
    if (!gpuPool.isAvailable() && config.gpuMode() == GpuMode.ON) {
      LOG.warn("GPU requested (gpu=on) but unavailable: {}; tensors will come from the CPU pool",
          gpuPool.unavailableReason().orElse("unknown"));
    }
  }

  private void preReserve(MemoryPolicy p) {
    long bytes = config.preReserveBytes(p);
    if (bytes > 0) {
      cpuPool.preReserve(bytes, config.blockSize(p));
    }
  }

  // ---- allocation -------------------------------------------------------------------------------------------

  /** {@code allocateTensor(shape, dtype, policy.prefersGpu())}. */
  public Optional<Tensor> allocateTensor(long[] shape, DType dtype) {
    return allocateTensor(shape, dtype, policy.prefersGpu());
  }

  /**
   * A tensor of {@code shape} and {@code dtype}, or empty when no pool can serve it (the seed's {@code None}).
   * Contents are undefined (recycled memory is not cleared; call {@link Tensor#zero()}).
   *
   * @throws org.noodlevision.InvalidParameterException for a negative or overflowing shape
   */
  public Optional<Tensor> allocateTensor(long[] shape, DType dtype, boolean preferGpu) {
    checkOpen();
    return attempt(shape, dtype, preferGpu, true);
  }

  /**
   * One allocation attempt. {@code countFailure}: whether an empty result counts as an allocation failure (and a
   * GPU-preferring request served by nobody as a fallback); a waiting caller counts only its last attempt.
   */
  private Optional<Tensor> attempt(long[] shape, DType dtype, boolean preferGpu, boolean countFailure) {
    long bytes = Tensor.byteSize(shape, dtype);
    boolean gpu = preferGpu && gpuPool.isAvailable();
    if (gpu) {
      Optional<Tensor> t = allocateOn(gpuPool, shape, dtype, bytes);
      if (t.isPresent()) {
        return t;
      }
    }
    Optional<Tensor> t = allocateOn(cpuPool, shape, dtype, bytes);
    if (preferGpu && (t.isPresent() || countFailure)) {
      gpuFallbacks.incrementAndGet();
      for (MemoryEventListener l : listeners) {
        l.onGpuFallback(bytes);
      }
    }
    if (t.isEmpty() && countFailure) {
      allocationFailures.incrementAndGet();
      for (MemoryEventListener l : listeners) {
        l.onAllocationFailure(preferGpu ? Device.GPU : Device.CPU, bytes);
      }
    }
    return t;
  }

  /**
   * As {@link #allocateTensor(long[], DType, boolean)}, but when no pool can serve the request now, waits for other
   * threads to free memory and retries, for at most {@code timeout}. Returns empty when the timeout passes (one
   * allocation failure is counted), when the request can never fit (larger than the CPU pool), or when the thread
   * is interrupted (its interrupt flag is set again): the caller then falls back, e.g. to heap buffers. Never
   * throws for lack of memory.
   *
   * @throws org.noodlevision.InvalidParameterException for a negative or overflowing shape, or a negative timeout
   */
  public Optional<Tensor> allocateTensorWaiting(long[] shape, DType dtype, boolean preferGpu, long timeout,
      TimeUnit unit) {
    checkOpen();
    if (timeout < 0) {
      throw new org.noodlevision.InvalidParameterException("timeout", timeout + " " + unit, "a duration >= 0");
    }
    long bytes = Tensor.byteSize(shape, dtype);
    if (bytes > cpuPool.maxSize() && !(preferGpu && gpuPool.isAvailable())) {
      return attempt(shape, dtype, preferGpu, true); // can never fit: no point in waiting
    }
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    waiters.incrementAndGet();
    try {
      while (true) {
        long generation;
        synchronized (memoryReturned) {
          generation = returnGeneration;
        }
        long remaining = deadline - System.nanoTime();
        Optional<Tensor> t = attempt(shape, dtype, preferGpu, remaining <= 0);
        if (t.isPresent() || remaining <= 0 || closed) {
          return t;
        }
        synchronized (memoryReturned) {
          while (returnGeneration == generation && (remaining = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(memoryReturned, remaining);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      waiters.decrementAndGet();
    }
  }

  /** Wakes threads waiting in {@link #allocateTensorWaiting}; cheap when nobody waits. */
  private void signalMemoryReturned() {
    if (waiters.get() > 0) {
      synchronized (memoryReturned) {
        returnGeneration++;
        memoryReturned.notifyAll();
      }
    }
  }

  /** As {@link #allocateTensor(long[], DType, boolean)}, raising {@link MemoryPoolExhaustedException} if empty. */
  public Tensor allocateTensorOrThrow(long[] shape, DType dtype, boolean preferGpu) {
    return allocateTensor(shape, dtype, preferGpu).orElseThrow(() -> new MemoryPoolExhaustedException(
        "MemoryManager", Tensor.byteSize(shape, dtype), cpuPool.getUsage().currentUsage(), cpuPool.maxSize(),
        "the CPU pool size (MemoryManagerConfig.cpuMaxSize)"));
  }

  private Optional<Tensor> allocateOn(MemoryPool pool, long[] shape, DType dtype, long bytes) {
    Optional<Tensor> cached = recycler.take(shape, dtype, pool.device());
    if (cached.isPresent()) {
      return Optional.of(register(cached.get()));
    }
    Optional<MemoryBlock> block = pool.allocate(bytes);
    if (block.isEmpty() && recycler.size() > 0) {
      recycler.clear();
      block = pool.allocate(bytes);
    }
    return block.map(b -> register(new Tensor(this, b, shape, dtype)));
  }

  private Tensor register(Tensor t) {
    String owner = currentOwner.get();
    String site = config.debugAllocationSites() ? allocationSite() : null;
    live.put(t, new LiveRecord(owner == null ? UNATTRIBUTED : owner, MemoryBlock.nowSeconds(), site));
    liveBytes.addAndGet(t.byteSize());
    allocationsCount.incrementAndGet();
    return t;
  }

  private static String allocationSite() {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    boolean inManager = true;
    for (StackTraceElement e : new Throwable().getStackTrace()) {
      String c = e.getClassName();
      if (inManager && (c.equals(MemoryManager.class.getName()) || c.equals(Tensor.class.getName())
          || c.startsWith("java.util.Optional"))) {
        continue;
      }
      inManager = false;
      sb.append("    at ").append(e).append('\n');
      if (++shown == 12) {
        break;
      }
    }
    return sb.toString();
  }

  // ---- freeing ----------------------------------------------------------------------------------------------

  /**
   * Frees {@code tensor}. Raises {@link MemoryAlreadyFreedException} if it was freed before (nothing changes) and
   * {@link IllegalArgumentException} if it comes from another manager.
   */
  public void freeTensor(Tensor tensor) {
    if (tensor.manager() != this) {
      throw new IllegalArgumentException(tensor + " was allocated by another MemoryManager");
    }
    if (!tensor.markFreed()) {
      throw new MemoryAlreadyFreedException(tensor.toString());
    }
    live.remove(tensor);
    liveBytes.addAndGet(-tensor.byteSize());
    recycleOrRelease(tensor);
    signalMemoryReturned();
  }

  private void recycleOrRelease(Tensor dead) {
    if (!closed && recycler.maxSize() > 0) {
      Tensor handle = dead.rewrap(dead.shape());
      if (recycler.offer(handle)) {
        return;
      }
    }
    MemoryBlock b = dead.block();
    b.pool().free(b);
  }

  /** Called by the recycling cache for tensors it evicts or clears: their memory goes back to the pool. */
  private void releaseRecycled(Tensor handle) {
    handle.markFreed();
    MemoryBlock b = handle.block();
    if (b.inUse()) {
      b.pool().free(b);
    }
    signalMemoryReturned();
  }

  private void onEviction(long bytes) {
    for (MemoryEventListener l : listeners) {
      l.onCacheEviction(bytes);
    }
  }

  /** Copies contents between two live tensors of equal byte size (any devices). */
  void copyContents(Tensor src, Tensor dst) {
    if (src.device() == Device.CPU) {
      dst.copyFrom(src.asByteBuffer());
    } else if (dst.device() == Device.CPU) {
      src.copyTo(dst.asByteBuffer());
    } else {
      ((GpuMemoryPool) dst.block().pool()).copyWithin(dst.block(), src.block(), src.byteSize());
    }
  }

  /**
   * Counts a buffer that a consumer (the feature pipeline) took from the Java heap because this manager's pool could
   * not serve it in time, and tells the listeners ({@link MemoryEventListener#onHeapFallback}).
   */
  public void recordHeapFallback(long bytes) {
    heapFallbacks.incrementAndGet();
    for (MemoryEventListener l : listeners) {
      l.onHeapFallback(bytes);
    }
  }

  /** Buffers that consumers took from the heap because the pool was exhausted ({@link #recordHeapFallback}). */
  public long heapFallbackCount() {
    return heapFallbacks.get();
  }

  // ---- policy -----------------------------------------------------------------------------------------------

  /** Switches policy: retention, block rounding, cache size/eviction and pre-reservation follow at once. */
  public void setPolicy(MemoryPolicy newPolicy) {
    checkOpen();
    java.util.Objects.requireNonNull(newPolicy, "policy");
    synchronized (this) {
      policy = newPolicy;
      cpuPool.tune(config.retainFraction(newPolicy), config.blockSize(newPolicy));
      gpuPool.tune(config.retainFraction(newPolicy), config.blockSize(newPolicy));
      recycler.reconfigure(config.cacheMaxEntries(newPolicy), config.cacheEviction(newPolicy),
          config.cacheMaxBytes());
      preReserve(newPolicy);
    }
  }

  public MemoryPolicy getPolicy() {
    return policy;
  }

  /** Precision the feature pipeline should compute in under the current policy. */
  public FeatureParams.Precision workingPrecision() {
    return policy.workingPrecision();
  }

  // ---- statistics -------------------------------------------------------------------------------------------

  /** A snapshot of usage and counters; cheap (a few short locks), fine for gauges. */
  public MemoryStatistics getStatistics() {
    return new MemoryStatistics(cpuPool.getUsage(), gpuPool.getUsage(), recycler.getStats(),
        allocationsCount.get(), cpuPool.getStats(), gpuPool.getStats(), allocationFailures.get(),
        gpuFallbacks.get(), live.size(), liveBytes.get(), policy, gpuPool.isAvailable());
  }

  public void addListener(MemoryEventListener listener) {
    listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(MemoryEventListener listener) {
    listeners.remove(listener);
  }

  public CpuMemoryPool cpuMemoryPool() {
    return cpuPool;
  }

  public GpuMemoryPool gpuMemoryPool() {
    return gpuPool;
  }

  /** The recycling cache (its stats are {@code getStatistics().cacheStats()}). */
  public TensorCache tensorCache() {
    return recycler;
  }

  public MemoryManagerConfig config() {
    return config;
  }

  /** Number of tensors allocated and not freed. */
  public int liveTensorCount() {
    return live.size();
  }

  // ---- cleanup, owners, shutdown ----------------------------------------------------------------------------

  /**
   * Empties the recycling cache and returns every kept free block to Arrow/CUDA. Live tensors are untouched.
   */
  public void cleanup() {
    recycler.clear();
    cpuPool.trim();
    gpuPool.trim();
    signalMemoryReturned();
  }

  /** Attributes this thread's next allocations to {@code owner} (null = none). */
  public void setCurrentOwner(String owner) {
    if (owner == null) {
      currentOwner.remove();
    } else {
      currentOwner.set(owner);
    }
  }

  /** This thread's current owner, or null. */
  public String getCurrentOwner() {
    return currentOwner.get();
  }

  /**
   * Makes {@code owner} this thread's owner until the scope is closed; with {@code releaseOnClose}, closing also
   * frees what the owner left allocated ({@link #releaseOwner}).
   */
  public AllocationScope openScope(String owner, boolean releaseOnClose) {
    java.util.Objects.requireNonNull(owner, "owner");
    String previous = currentOwner.get();
    setCurrentOwner(owner);
    return new AllocationScope(this, owner, previous, releaseOnClose);
  }

  /** Frees every live tensor attributed to {@code owner} and reports them (logged when not empty). */
  public LeakReport releaseOwner(String owner) {
    List<LeakedAllocation> leaked = new ArrayList<>();
    for (Map.Entry<Tensor, LiveRecord> e : live.entrySet()) {
      if (e.getValue().owner().equals(owner)) {
        leaked.addAll(freeLeaked(e.getKey(), e.getValue()));
      }
    }
    return report("owner " + owner, leaked);
  }

  private List<LeakedAllocation> freeLeaked(Tensor t, LiveRecord r) {
    if (!t.markFreed()) {
      return List.of(); // freed concurrently by its owner
    }
    live.remove(t);
    liveBytes.addAndGet(-t.byteSize());
    MemoryBlock b = t.block();
    b.pool().free(b);
    signalMemoryReturned();
    return List.of(new LeakedAllocation(r.owner(), t.shape(), t.dtype(), t.device(), t.byteSize(), r.timestamp(),
        r.site()));
  }

  private LeakReport report(String scope, List<LeakedAllocation> leaked) {
    LeakReport report = LeakReport.of(scope, leaked);
    if (!report.isEmpty()) {
      if (config.debugAllocationSites()) {
        LOG.warn("Memory leak: {}", report);
      } else {
        LOG.warn("Memory leak: {} (set debugAllocationSites to see where they were allocated)", report.summary());
      }
      for (MemoryEventListener l : listeners) {
        l.onLeak(report);
      }
    }
    return report;
  }

  /**
   * Frees everything: the cache, leaked tensors (reported and returned), the pools and the GPU context. Later
   * calls return the same report; other methods then raise {@link IllegalStateException}.
   */
  public synchronized LeakReport shutdown() {
    if (shutdownReport != null) {
      return shutdownReport;
    }
    recycler.clear();
    closed = true;
    List<LeakedAllocation> leaked = new ArrayList<>();
    for (Map.Entry<Tensor, LiveRecord> e : live.entrySet()) {
      leaked.addAll(freeLeaked(e.getKey(), e.getValue()));
    }
    shutdownReport = report("memory manager", leaked);
    RuntimeException failure = null;
    for (MemoryPool pool : new MemoryPool[] {cpuPool, gpuPool}) {
      try {
        pool.close();
      } catch (RuntimeException ex) {
        if (failure == null) {
          failure = ex;
        } else {
          failure.addSuppressed(ex);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return shutdownReport;
  }

  /** {@link #shutdown()}, discarding the report (it is logged). */
  @Override
  public void close() {
    shutdown();
  }

  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("MemoryManager is closed");
    }
  }
}
