package org.noodlevision.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.ArrowBuf;

/**
 * A block of memory handed out by a {@link MemoryPool} (the seed's {@code MemoryBlock}).
 *
 * <p>Each {@code allocate} returns a new {@code MemoryBlock} object, even when the memory behind it is reused, so a
 * stale reference to a freed block can never free or see someone else's block: {@link MemoryPool#free} on it
 * raises {@link MemoryAlreadyFreedException}.
 *
 * <p>{@link #pointer()} is the native address (host address for CPU blocks, CUDA device address for GPU blocks).
 * {@link #size()} is the block's size in the pool's units: the request rounded up to the pool's size class.
 */
public final class MemoryBlock {
  private final long pointer;
  private final long size;
  private final double timestamp;
  private final long requestedSize;
  private final MemoryPool pool;
  private final Object backing;
  private final AtomicBoolean inUse;

  /**
   * A detached block descriptor, as the seed's {@code MemoryBlock(pointer, size, timestamp)}: it belongs to no pool,
   * has no {@link #data()} and is not in use.
   *
   * @param timestamp creation time in epoch seconds (e.g. {@code System.currentTimeMillis() / 1000.0})
   */
  public MemoryBlock(long pointer, long size, double timestamp) {
    this(pointer, size, size, timestamp, null, null, false);
  }

  MemoryBlock(long pointer, long size, long requestedSize, double timestamp, MemoryPool pool, Object backing,
      boolean inUse) {
    if (size < 0) {
      throw new IllegalArgumentException("MemoryBlock size must be >= 0, got " + size);
    }
    this.pointer = pointer;
    this.size = size;
    this.requestedSize = requestedSize;
    this.timestamp = timestamp;
    this.pool = pool;
    this.backing = backing;
    this.inUse = new AtomicBoolean(inUse);
  }

  static double nowSeconds() {
    return System.currentTimeMillis() / 1000.0;
  }

  /** Native address of the first byte. */
  public long pointer() {
    return pointer;
  }

  /** Size in bytes in the pool's units (at least the requested size). */
  public long size() {
    return size;
  }

  /** Bytes asked for when the block was allocated. */
  public long requestedSize() {
    return requestedSize;
  }

  /** When the block was handed out, epoch seconds. */
  public double timestamp() {
    return timestamp;
  }

  /** Whether the block is handed out and not yet freed. */
  public boolean inUse() {
    return inUse.get();
  }

  /** The device the memory is on; a detached block reports CPU. */
  public Device device() {
    return pool == null ? Device.CPU : pool.device();
  }

  /** True when the block is older than {@code maxAgeSeconds}. */
  public boolean isExpired(double maxAgeSeconds) {
    return nowSeconds() - timestamp > maxAgeSeconds;
  }

  /**
   * A little-endian {@link ByteBuffer} view of the whole block (position 0, limit {@link #size()}), sharing its
   * memory; {@code null} for GPU blocks and detached descriptors, which have no host memory. Blocks above 2 GiB
   * cannot be viewed as one ByteBuffer and raise {@link UnsupportedOperationException}.
   */
  public ByteBuffer data() {
    if (!(backing instanceof ArrowBuf)) {
      return null;
    }
    checkInUse();
    if (size > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException("A block of " + size + " bytes is larger than one ByteBuffer (2 GiB)");
    }
    return ((ArrowBuf) backing).nioBuffer(0, (int) size).order(ByteOrder.LITTLE_ENDIAN);
  }

  MemoryPool pool() {
    return pool;
  }

  Object backing() {
    return backing;
  }

  /** Flips in-use to false exactly once; false when it was already freed. */
  boolean markFreed() {
    return inUse.compareAndSet(true, false);
  }

  void checkInUse() {
    if (!inUse.get()) {
      throw new MemoryAlreadyFreedException("MemoryBlock of " + size + " bytes at 0x" + Long.toHexString(pointer));
    }
  }

  @Override
  public String toString() {
    return "MemoryBlock[" + device() + ", pointer=0x" + Long.toHexString(pointer) + ", size=" + size + ", inUse="
        + inUse() + "]";
  }
}
