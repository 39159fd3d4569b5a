package org.noodlevision.memory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.noodlevision.InvalidParameterException;

/**
 * CUDA device memory pool over JCuda's driver API, in the device's primary context.
 *
 * <h2>Design: caching best-fit allocator over large segments</h2>
 * Memory comes from the driver in large <em>segments</em> ({@code cuMemAlloc}, {@link #segmentSize()} bytes, or a
 * request's own size rounded to 2 MiB when larger); a request never costs a {@code cuMemAlloc} of its own unless no
 * segment has room. Requests are rounded to 512 bytes (up to {@link #blockSize()}) or to multiples of
 * {@code blockSize} (above it), then served by <em>best fit</em>: the smallest free range that holds them, across all
 * segments, is split and the remainder stays free. Freeing coalesces a range with its free neighbours. A segment
 * that becomes entirely free is returned to the driver ({@code cuMemFree}) only if the pool keeps more free memory
 * than {@code retainFraction x maxSize}, or on {@link #trim()}; otherwise it is cached for reuse, as PyTorch's and
 * RMM's pools do (a {@code cuMemFree} synchronises the whole device).
 *
 * <p>{@code maxSize} caps the bytes of all segments. Without a usable GPU (no device, no driver, no JCuda natives,
 * or GPU switched off) the pool is {@linkplain #isAvailable() unavailable}, says why in
 * {@link #unavailableReason()}, allocates nothing and reports zero usage; constructing it never throws.
 *
 * <p>All state sits under one lock: usage, peak and counts are exact. Thread-safe.
 */
public final class GpuMemoryPool extends MemoryPool {
  /** Granularity of small requests, bytes. */
  public static final long SMALL_ROUNDING = 512;
  /** Granularity of segments, bytes. */
  public static final long SEGMENT_ROUNDING = 2L << 20;

  private final long maxSize;
  private final long segmentSize;
  private final CudaDevice device;
  private final String unavailableReason;
  private final Object lock = new Object();
  private final TreeSet<long[]> freeBySize = new TreeSet<>(GpuMemoryPool::compareRanges);
  private final Map<Integer, GpuSegment> segments = new HashMap<>();
  private final Set<MemoryBlock> liveBlocks = Collections.newSetFromMap(new IdentityHashMap<>());
  private volatile long blockSize;
  private double retainFraction;
  private int nextSegmentId;
  private long reserved;
  private long live;
  private long peak;
  private long totalAllocated;
  private long allocations;
  private long frees;
  private long reuses;
  private long failures;
  private long segmentAllocations;
  private boolean closed;

  /** A pool of at most {@code maxSize} bytes on device 0, 1 MiB block size. */
  public GpuMemoryPool(long maxSize) {
    this(maxSize, DEFAULT_BLOCK_SIZE);
  }

  public GpuMemoryPool(long maxSize, long blockSize) {
    this(maxSize, blockSize, 0);
  }

  public GpuMemoryPool(long maxSize, long blockSize, int deviceOrdinal) {
    this(maxSize, blockSize, deviceOrdinal, 1.0, GpuMode.AUTO, 0);
  }

  GpuMemoryPool(long maxSize, long blockSize, int deviceOrdinal, double retainFraction, GpuMode mode,
      long segmentSize) {
    if (maxSize <= 0) {
      throw new InvalidParameterException("maxSize", maxSize, "a positive number of bytes");
    }
    CpuMemoryPool.checkBlockSize(blockSize);
    if (deviceOrdinal < 0) {
      throw new InvalidParameterException("deviceOrdinal", deviceOrdinal, "a CUDA device number >= 0");
    }
    this.maxSize = maxSize;
    this.blockSize = blockSize;
    this.retainFraction = CpuMemoryPool.checkRetain(retainFraction);
    long seg = segmentSize > 0 ? segmentSize : Math.min(64L << 20, Math.max(SEGMENT_ROUNDING, maxSize / 8));
    this.segmentSize = roundUp(seg, SEGMENT_ROUNDING);
    if (mode == GpuMode.OFF) {
      this.device = null;
      this.unavailableReason = "GPU switched off by configuration (gpu=off)";
    } else {
      CudaDevice.Probe probe = CudaDevice.probe(deviceOrdinal);
      this.device = probe.device();
      this.unavailableReason = probe.unavailableReason();
    }
  }

  private static int compareRanges(long[] a, long[] b) {
    int c = Long.compare(a[0], b[0]);
    if (c != 0) {
      return c;
    }
    c = Long.compare(a[1], b[1]);
    return c != 0 ? c : Long.compare(a[2], b[2]);
  }

  private static long roundUp(long v, long unit) {
    return (v + unit - 1) / unit * unit;
  }

  /** The size a request of {@code size} bytes occupies: 512-byte granules up to blockSize, blocks above. */
  public long sizeClass(long size) {
    long s = Math.max(size, SMALL_ROUNDING);
    long bs = blockSize;
    return s <= bs ? roundUp(s, SMALL_ROUNDING) : roundUp(s, bs);
  }

  @Override
  public Optional<MemoryBlock> allocate(long size) {
    if (size < 0) {
      throw new InvalidParameterException("size", size, "a number of bytes >= 0");
    }
    if (device == null) {
      return Optional.empty();
    }
    if (size > maxSize) {
      synchronized (lock) {
        failures++;
      }
      return Optional.empty();
    }
    long cls = sizeClass(size);
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException(name() + " is closed");
      }
      long[] range = freeBySize.ceiling(new long[] {cls, Long.MIN_VALUE, Long.MIN_VALUE});
      boolean fresh = false;
      if (range == null) {
        GpuSegment seg = newSegmentLocked(cls);
        if (seg == null) {
          failures++;
          return Optional.empty();
        }
        range = new long[] {seg.size, seg.id, 0};
        fresh = true;
      }
      freeBySize.remove(range);
      GpuSegment seg = segments.get((int) range[1]);
      long offset = range[2];
      seg.freeRanges.remove(offset);
      if (range[0] > cls) {
        addFreeLocked(seg, offset + cls, range[0] - cls);
      }
      seg.freeBytes -= cls;
      live += cls;
      if (live > peak) {
        peak = live;
      }
      totalAllocated += cls;
      allocations++;
      if (!fresh) {
        reuses++;
      }
      MemoryBlock block = new MemoryBlock(seg.address + offset, cls, size, MemoryBlock.nowSeconds(), this,
          new GpuSlice(seg, offset), true);
      liveBlocks.add(block);
      return Optional.of(block);
    }
  }

  private void addFreeLocked(GpuSegment seg, long offset, long length) {
    seg.freeRanges.put(offset, length);
    freeBySize.add(new long[] {length, seg.id, offset});
  }

  private void removeFreeLocked(GpuSegment seg, long offset, long length) {
    seg.freeRanges.remove(offset);
    freeBySize.remove(new long[] {length, seg.id, offset});
  }

  private GpuSegment newSegmentLocked(long cls) {
    long want = Math.max(segmentSize, roundUp(cls, SEGMENT_ROUNDING));
    if (reserved + want > maxSize) {
      releaseEmptySegmentsLocked(Long.MAX_VALUE);
    }
    if (reserved + want > maxSize) {
      want = roundUp(cls, SEGMENT_ROUNDING);
      if (reserved + want > maxSize) {
        want = cls;
      }
      if (reserved + want > maxSize) {
        return null;
      }
    }
    CudaDevice.DeviceAddress p = device.memAlloc(want);
    if (p == null) {
      releaseEmptySegmentsLocked(Long.MAX_VALUE);
      p = device.memAlloc(want);
      if (p == null) {
        return null;
      }
    }
    GpuSegment seg = new GpuSegment(nextSegmentId++, p, want);
    segments.put(seg.id, seg);
    freeBySize.add(new long[] {want, seg.id, 0});
    reserved += want;
    segmentAllocations++;
    return seg;
  }

  /** cuMemFree's entirely free segments until {@code bytes} are released. */
  private void releaseEmptySegmentsLocked(long bytes) {
    long released = 0;
    Iterator<GpuSegment> it = segments.values().iterator();
    while (it.hasNext() && released < bytes) {
      GpuSegment seg = it.next();
      if (seg.isEmpty()) {
        freeBySize.remove(new long[] {seg.size, seg.id, 0});
        it.remove();
        device.memFree(seg.base);
        reserved -= seg.size;
        released += seg.size;
      }
    }
  }

  @Override
  public void free(MemoryBlock block) {
    if (block.pool() != this) {
      throw new IllegalArgumentException(block + " does not belong to " + name());
    }
    GpuSlice slice = (GpuSlice) block.backing();
    long cls = block.size();
    synchronized (lock) {
      if (!block.markFreed()) {
        throw new MemoryAlreadyFreedException("GPU MemoryBlock of " + cls + " bytes at 0x"
            + Long.toHexString(block.pointer()));
      }
      liveBlocks.remove(block);
      live -= cls;
      frees++;
      if (closed) {
        return;
      }
      GpuSegment seg = slice.segment;
      long offset = slice.offset;
      long length = cls;
      Map.Entry<Long, Long> prev = seg.freeRanges.floorEntry(offset);
      if (prev != null && prev.getKey() + prev.getValue() == offset) {
        removeFreeLocked(seg, prev.getKey(), prev.getValue());
        offset = prev.getKey();
        length += prev.getValue();
      }
      Map.Entry<Long, Long> next = seg.freeRanges.ceilingEntry(offset + length);
      if (next != null && next.getKey() == offset + length) {
        removeFreeLocked(seg, next.getKey(), next.getValue());
        length += next.getValue();
      }
      addFreeLocked(seg, offset, length);
      seg.freeBytes += cls;
      long keep = (long) (retainFraction * maxSize);
      if (seg.isEmpty() && reserved - live > keep) {
        freeBySize.remove(new long[] {seg.size, seg.id, 0});
        segments.remove(seg.id);
        device.memFree(seg.base);
        reserved -= seg.size;
      }
    }
  }

  void tune(double retainFraction, long blockSize) {
    CpuMemoryPool.checkBlockSize(blockSize);
    synchronized (lock) {
      this.retainFraction = CpuMemoryPool.checkRetain(retainFraction);
      this.blockSize = blockSize;
    }
  }

  /** Host to device copy into {@code block} at {@code byteOffset}. */
  void copyIn(MemoryBlock block, long byteOffset, Pointer src, long bytes) {
    block.checkInUse();
    device.copyHostToDevice(((GpuSlice) block.backing()).pointer().withByteOffset(byteOffset), src, bytes);
  }

  /** Device to host copy from {@code block} at {@code byteOffset}. */
  void copyOut(MemoryBlock block, long byteOffset, Pointer dst, long bytes) {
    block.checkInUse();
    device.copyDeviceToHost(dst, ((GpuSlice) block.backing()).pointer().withByteOffset(byteOffset), bytes);
  }

  void copyWithin(MemoryBlock dst, MemoryBlock src, long bytes) {
    dst.checkInUse();
    src.checkInUse();
    device.copyDeviceToDevice(((GpuSlice) dst.backing()).pointer(), ((GpuSlice) src.backing()).pointer(), bytes);
  }

  void zero(MemoryBlock block, long bytes) {
    block.checkInUse();
    device.memsetZero(((GpuSlice) block.backing()).pointer(), bytes);
  }

  /** The device pointer of a GPU block of this pool, for kernels. */
  CUdeviceptr devicePointer(MemoryBlock block) {
    block.checkInUse();
    return ((GpuSlice) block.backing()).pointer();
  }

  @Override
  public void trim() {
    if (device == null) {
      return;
    }
    synchronized (lock) {
      releaseEmptySegmentsLocked(Long.MAX_VALUE);
    }
  }

  @Override
  public MemoryStats getStats() {
    synchronized (lock) {
      return new MemoryStats(totalAllocated, peak, live, reserved, allocations, frees, reuses, failures);
    }
  }

  @Override
  public PoolUsage getUsage() {
    synchronized (lock) {
      return PoolUsage.of(live, maxSize);
    }
  }

  /** Number of cuMemAlloc calls made for segments so far. */
  public long segmentAllocations() {
    synchronized (lock) {
      return segmentAllocations;
    }
  }

  /** Number of segments held now. */
  public int segmentCount() {
    synchronized (lock) {
      return segments.size();
    }
  }

  /** Bytes held from the driver: all segments. */
  public long reservedBytes() {
    synchronized (lock) {
      return reserved;
    }
  }

  /** Segment size for ordinary requests, bytes. */
  public long segmentSize() {
    return segmentSize;
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
    return Device.GPU;
  }

  @Override
  public boolean isAvailable() {
    return device != null;
  }

  /** Why the pool is unavailable; empty when it is available. */
  public Optional<String> unavailableReason() {
    return Optional.ofNullable(unavailableReason);
  }

  /** The CUDA device name, e.g. {@code "NVIDIA H100 80GB HBM3"}; empty when unavailable. */
  public Optional<String> deviceName() {
    return device == null ? Optional.empty() : Optional.of(device.name());
  }

  @Override
  public String name() {
    return "GPU memory pool";
  }

  @Override
  public void close() {
    if (device == null) {
      closed = true;
      return;
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      for (MemoryBlock b : new ArrayList<>(liveBlocks)) {
        b.markFreed();
        live -= b.size();
        frees++;
      }
      liveBlocks.clear();
      List<GpuSegment> all = new ArrayList<>(segments.values());
      segments.clear();
      freeBySize.clear();
      for (GpuSegment seg : all) {
        device.memFree(seg.base);
        reserved -= seg.size;
      }
    }
    device.release();
  }
}
