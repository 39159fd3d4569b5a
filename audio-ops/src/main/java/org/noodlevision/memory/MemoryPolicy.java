package org.noodlevision.memory;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureParams;

/**
 * How a {@link MemoryManager} trades memory for speed. Each policy sets six measurable knobs; any of them can be
 * overridden in {@link MemoryManagerConfig}.
 *
 * <table>
 *   <caption>Policy settings</caption>
 *   <tr><th>policy</th><th>freed memory kept for reuse (fraction of pool max)</th><th>block rounding of large
 *   requests</th><th>tensor cache (entries, eviction)</th><th>pre-reserved CPU memory</th><th>prefers GPU</th>
 *   <th>working precision</th></tr>
 *   <tr><td>CONSERVATIVE</td><td>0 (freed blocks go straight back to Arrow)</td><td>64 KiB</td>
 *   <td>0 (no recycling)</td><td>0</td><td>no</td><td>float32</td></tr>
 *   <tr><td>BALANCED</td><td>0.5</td><td>1 MiB</td><td>100, LRU</td><td>0</td><td>yes</td><td>float32</td></tr>
 *   <tr><td>AGGRESSIVE_REUSE</td><td>1.0</td><td>4 MiB</td><td>256, ADAPTIVE</td><td>0</td><td>yes</td>
 *   <td>float32</td></tr>
 *   <tr><td>QUALITY_FIRST</td><td>0.5</td><td>1 MiB</td><td>100, LFU</td><td>0</td><td>no</td>
 *   <td>float64</td></tr>
 *   <tr><td>LATENCY_FIRST</td><td>1.0</td><td>2 MiB</td><td>512, LRU</td><td>1/8 of the CPU pool</td>
 *   <td>yes</td><td>float32</td></tr>
 * </table>
 *
 * <p>Requests below Arrow's chunk size (16 MiB) are always rounded up to a power of two, as Arrow itself does;
 * the block rounding applies above it. The tensor cache recycles freed tensors: a later request for the same
 * shape, dtype and device takes the cached memory (a cache hit) instead of going to the pool. QUALITY_FIRST makes
 * the feature pipeline compute in float64 ({@link #workingPrecision()}).
 */
public enum MemoryPolicy {
  CONSERVATIVE(0.0, 64L << 10, 0, EvictionPolicy.LRU, 0.0, false, FeatureParams.Precision.FLOAT32),
  BALANCED(0.5, 1L << 20, 100, EvictionPolicy.LRU, 0.0, true, FeatureParams.Precision.FLOAT32),
  AGGRESSIVE_REUSE(1.0, 4L << 20, 256, EvictionPolicy.ADAPTIVE, 0.0, true, FeatureParams.Precision.FLOAT32),
  QUALITY_FIRST(0.5, 1L << 20, 100, EvictionPolicy.LFU, 0.0, false, FeatureParams.Precision.FLOAT64),
  LATENCY_FIRST(1.0, 2L << 20, 512, EvictionPolicy.LRU, 0.125, true, FeatureParams.Precision.FLOAT32);

  private final double retainFraction;
  private final long blockSize;
  private final int cacheSize;
  private final EvictionPolicy cacheEviction;
  private final double preReserveFraction;
  private final boolean prefersGpu;
  private final FeatureParams.Precision workingPrecision;

  MemoryPolicy(double retainFraction, long blockSize, int cacheSize, EvictionPolicy cacheEviction,
      double preReserveFraction, boolean prefersGpu, FeatureParams.Precision workingPrecision) {
    this.retainFraction = retainFraction;
    this.blockSize = blockSize;
    this.cacheSize = cacheSize;
    this.cacheEviction = cacheEviction;
    this.preReserveFraction = preReserveFraction;
    this.prefersGpu = prefersGpu;
    this.workingPrecision = workingPrecision;
  }

  /** Lower-case name, as the seed's {@code policy.value} ({@code "balanced"}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code "balanced"}, {@code "AGGRESSIVE_REUSE"}, {@code "aggressive-reuse"}, ... */
  public static MemoryPolicy fromName(String name) {
    String n = name == null ? "" : name.trim().replace('-', '_');
    for (MemoryPolicy p : values()) {
      if (p.name().equalsIgnoreCase(n)) {
        return p;
      }
    }
    throw new InvalidParameterException("memory policy", name,
        "conservative, balanced, aggressive_reuse, quality_first, latency_first");
  }

  /** Fraction of a pool's maximum size that freed blocks may occupy while kept for reuse (0 = none kept). */
  public double retainFraction() {
    return retainFraction;
  }

  /** Rounding granularity of requests above Arrow's 16 MiB chunk size (a power of two). */
  public long blockSize() {
    return blockSize;
  }

  /** Entries of the manager's tensor recycling cache (0 disables it). */
  public int cacheSize() {
    return cacheSize;
  }

  public EvictionPolicy cacheEviction() {
    return cacheEviction;
  }

  /** Fraction of the CPU pool reserved from Arrow when the manager starts (kept as free blocks). */
  public double preReserveFraction() {
    return preReserveFraction;
  }

  /** Whether {@link MemoryManager#allocateTensor(long[], DType)} asks the GPU pool first. */
  public boolean prefersGpu() {
    return prefersGpu;
  }

  /** Precision the feature pipeline computes in under this policy: float64 for QUALITY_FIRST. */
  public FeatureParams.Precision workingPrecision() {
    return workingPrecision;
  }
}
