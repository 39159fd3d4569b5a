package org.noodlevision.memory;

import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.noodlevision.InvalidParameterException;

/**
 * Everything a {@link MemoryManager} can be told, built with {@link #builder()}. Settings left unset follow the
 * {@link MemoryPolicy} (block size, retention, cache size and eviction, pre-reservation); explicit settings win
 * over the policy, also after {@link MemoryManager#setPolicy}. Immutable; validated when built.
 *
 * <p>Defaults: CPU pool 512 MiB, GPU pool 1 GiB (the seed's examples), GPU {@link GpuMode#AUTO} on device 0,
 * cache byte budget half the CPU pool, cache idle ttl 300 s, no allocation-site recording.
 */
public final class MemoryManagerConfig {
  public static final long DEFAULT_CPU_MAX_SIZE = 512L << 20;
  public static final long DEFAULT_GPU_MAX_SIZE = 1L << 30;

  private final MemoryPolicy policy;
  private final long cpuMaxSize;
  private final long gpuMaxSize;
  private final Long blockSize;
  private final Double retainFraction;
  private final Long preReserveBytes;
  private final Integer cacheMaxEntries;
  private final EvictionPolicy cacheEviction;
  private final Long cacheMaxBytes;
  private final double cacheTtlSeconds;
  private final GpuMode gpuMode;
  private final int deviceOrdinal;
  private final long gpuSegmentSize;
  private final boolean debugAllocationSites;
  private final BufferAllocator parentAllocator;

  private MemoryManagerConfig(Builder b) {
    this.policy = b.policy;
    this.cpuMaxSize = b.cpuMaxSize;
    this.gpuMaxSize = b.gpuMaxSize;
    this.blockSize = b.blockSize;
    this.retainFraction = b.retainFraction;
    this.preReserveBytes = b.preReserveBytes;
    this.cacheMaxEntries = b.cacheMaxEntries;
    this.cacheEviction = b.cacheEviction;
    this.cacheMaxBytes = b.cacheMaxBytes;
    this.cacheTtlSeconds = b.cacheTtlSeconds;
    this.gpuMode = b.gpuMode;
    this.deviceOrdinal = b.deviceOrdinal;
    this.gpuSegmentSize = b.gpuSegmentSize;
    this.debugAllocationSites = b.debugAllocationSites;
    this.parentAllocator = b.parentAllocator;
    validate();
  }

  private void validate() {
    if (cpuMaxSize <= 0) {
      throw new InvalidParameterException("cpuMaxSize", cpuMaxSize, "a positive number of bytes");
    }
    if (gpuMaxSize <= 0) {
      throw new InvalidParameterException("gpuMaxSize", gpuMaxSize, "a positive number of bytes");
    }
    if (blockSize != null) {
      CpuMemoryPool.checkBlockSize(blockSize);
    }
    if (retainFraction != null) {
      CpuMemoryPool.checkRetain(retainFraction);
    }
    if (preReserveBytes != null && (preReserveBytes < 0 || preReserveBytes > cpuMaxSize)) {
      throw new InvalidParameterException("preReserveBytes", preReserveBytes, "0 to cpuMaxSize (" + cpuMaxSize + ")");
    }
    if (cacheMaxEntries != null && cacheMaxEntries < 0) {
      throw new InvalidParameterException("cacheMaxEntries", cacheMaxEntries, "a number of entries >= 0");
    }
    if (cacheMaxBytes != null && cacheMaxBytes < 0) {
      throw new InvalidParameterException("cacheMaxBytes", cacheMaxBytes, "a number of bytes >= 0");
    }
    if (!(cacheTtlSeconds > 0)) {
      throw new InvalidParameterException("cacheTtlSeconds", cacheTtlSeconds, "a positive number of seconds");
    }
    if (deviceOrdinal < 0) {
      throw new InvalidParameterException("deviceOrdinal", deviceOrdinal, "a CUDA device number >= 0");
    }
    if (gpuSegmentSize < 0) {
      throw new InvalidParameterException("gpuSegmentSize", gpuSegmentSize, "bytes >= 0 (0 = automatic)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults with the given policy. */
  public static MemoryManagerConfig of(MemoryPolicy policy) {
    return builder().policy(policy).build();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.policy = policy;
    b.cpuMaxSize = cpuMaxSize;
    b.gpuMaxSize = gpuMaxSize;
    b.blockSize = blockSize;
    b.retainFraction = retainFraction;
    b.preReserveBytes = preReserveBytes;
    b.cacheMaxEntries = cacheMaxEntries;
    b.cacheEviction = cacheEviction;
    b.cacheMaxBytes = cacheMaxBytes;
    b.cacheTtlSeconds = cacheTtlSeconds;
    b.gpuMode = gpuMode;
    b.deviceOrdinal = deviceOrdinal;
    b.gpuSegmentSize = gpuSegmentSize;
    b.debugAllocationSites = debugAllocationSites;
    b.parentAllocator = parentAllocator;
    return b;
  }

  public MemoryPolicy policy() { return policy; }
  public long cpuMaxSize() { return cpuMaxSize; }
  public long gpuMaxSize() { return gpuMaxSize; }
  public GpuMode gpuMode() { return gpuMode; }
  public int deviceOrdinal() { return deviceOrdinal; }
  public double cacheTtlSeconds() { return cacheTtlSeconds; }
  public boolean debugAllocationSites() { return debugAllocationSites; }
  /** 0 = automatic: min(64 MiB, max(2 MiB, gpuMaxSize / 8)). */
  public long gpuSegmentSize() { return gpuSegmentSize; }
  /** The Arrow allocator the CPU pool accounts under; null = the process-wide root. */
  public BufferAllocator parentAllocator() { return parentAllocator; }

  /** Block size in force under {@code p}: the explicit setting, else the policy's. */
  public long blockSize(MemoryPolicy p) { return blockSize != null ? blockSize : p.blockSize(); }
  public double retainFraction(MemoryPolicy p) { return retainFraction != null ? retainFraction : p.retainFraction(); }
  public int cacheMaxEntries(MemoryPolicy p) { return cacheMaxEntries != null ? cacheMaxEntries : p.cacheSize(); }
  public EvictionPolicy cacheEviction(MemoryPolicy p) { return cacheEviction != null ? cacheEviction : p.cacheEviction(); }
  public long cacheMaxBytes() { return cacheMaxBytes != null ? cacheMaxBytes : cpuMaxSize / 2; }
  public long preReserveBytes(MemoryPolicy p) {
    return preReserveBytes != null ? preReserveBytes : (long) (p.preReserveFraction() * cpuMaxSize);
  }

  @Override
  public String toString() {
    return "MemoryManagerConfig{policy=" + policy.value() + ", cpuMaxSize=" + cpuMaxSize + ", gpuMaxSize="
        + gpuMaxSize + ", blockSize=" + blockSize(policy) + ", retainFraction=" + retainFraction(policy)
        + ", cache=" + cacheMaxEntries(policy) + "/" + cacheEviction(policy).value() + ", gpu=" + gpuMode.value()
        + ", device=" + deviceOrdinal + ", debugAllocationSites=" + debugAllocationSites + "}";
  }

  /** Builder; {@link #build()} validates and names a bad setting in an {@link InvalidParameterException}. */
  public static final class Builder {
    private MemoryPolicy policy = MemoryPolicy.BALANCED;
    private long cpuMaxSize = DEFAULT_CPU_MAX_SIZE;
    private long gpuMaxSize = DEFAULT_GPU_MAX_SIZE;
    private Long blockSize;
    private Double retainFraction;
    private Long preReserveBytes;
    private Integer cacheMaxEntries;
    private EvictionPolicy cacheEviction;
    private Long cacheMaxBytes;
    private double cacheTtlSeconds = TensorCache.DEFAULT_TTL_SECONDS;
    private GpuMode gpuMode = GpuMode.AUTO;
    private int deviceOrdinal;
    private long gpuSegmentSize;
    private boolean debugAllocationSites;
    private BufferAllocator parentAllocator;

    private Builder() {}

    public Builder policy(MemoryPolicy v) { policy = Objects.requireNonNull(v, "policy"); return this; }
    /** Hard cap of the CPU pool, bytes. */
    public Builder cpuMaxSize(long v) { cpuMaxSize = v; return this; }
    /** Hard cap of the GPU pool, bytes. */
    public Builder gpuMaxSize(long v) { gpuMaxSize = v; return this; }
    /** Rounding of large requests, a power of two from 4 KiB to 1 GiB; null = the policy's. */
    public Builder blockSize(Long v) { blockSize = v; return this; }
    /** Fraction of each pool's maximum that freed memory kept for reuse may occupy; null = the policy's. */
    public Builder retainFraction(Double v) { retainFraction = v; return this; }
    /** CPU bytes reserved at start; null = the policy's. */
    public Builder preReserveBytes(Long v) { preReserveBytes = v; return this; }
    /** Entries of the tensor recycling cache (0 = off); null = the policy's. */
    public Builder cacheMaxEntries(Integer v) { cacheMaxEntries = v; return this; }
    /** Eviction of the tensor recycling cache; null = the policy's. */
    public Builder cacheEviction(EvictionPolicy v) { cacheEviction = v; return this; }
    /** Byte budget of the tensor recycling cache; null = half the CPU pool. */
    public Builder cacheMaxBytes(Long v) { cacheMaxBytes = v; return this; }
    public Builder cacheTtlSeconds(double v) { cacheTtlSeconds = v; return this; }
    public Builder gpuMode(GpuMode v) { gpuMode = Objects.requireNonNull(v, "gpu mode"); return this; }
    public Builder deviceOrdinal(int v) { deviceOrdinal = v; return this; }
    public Builder gpuSegmentSize(long v) { gpuSegmentSize = v; return this; }
    /** Records the stack of every allocation so that leak reports say where each leaked tensor came from. */
    public Builder debugAllocationSites(boolean v) { debugAllocationSites = v; return this; }
    public Builder parentAllocator(BufferAllocator v) { parentAllocator = v; return this; }

    public MemoryManagerConfig build() {
      return new MemoryManagerConfig(this);
    }
  }
}
