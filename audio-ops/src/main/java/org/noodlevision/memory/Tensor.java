package org.noodlevision.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import org.apache.arrow.memory.ArrowBuf;
import org.noodlevision.InvalidParameterException;

/**
 * An n-dimensional array in pool memory (the seed's numpy array from {@code allocate_tensor}), row-major,
 * little-endian. CPU tensors live in an Arrow buffer; GPU tensors in CUDA device memory.
 *
 * <p>Owned by whoever allocated it: free it with {@link MemoryManager#freeTensor} or {@link #close()} (the same).
 * Freeing twice, or using a freed tensor, raises {@link MemoryAlreadyFreedException}. A tensor is not synchronised:
 * share it between threads only with your own happens-before.
 *
 * <p><b>GPU tensors:</b> element access ({@link #getFloat}, {@link #setFloat}, ...) copies each element through the
 * CUDA driver ({@code cuMemcpyHtoD}/{@code cuMemcpyDtoH}) and is slow; use the bulk copies or hand
 * {@link #devicePointer()} to a kernel. {@link #asByteBuffer()} exists only for CPU tensors.
 */
public final class Tensor implements AutoCloseable {
  private final MemoryManager manager;
  private final MemoryBlock block;
  private final long[] shape;
  private final DType dtype;
  private final long elementCount;
  private final long byteSize;
  private final AtomicBoolean live = new AtomicBoolean(true);

  Tensor(MemoryManager manager, MemoryBlock block, long[] shape, DType dtype) {
    this.manager = manager;
    this.block = block;
    this.shape = shape.clone();
    this.dtype = dtype;
    this.elementCount = elementCount(shape);
    this.byteSize = elementCount * dtype.byteSize();
  }

  /** Number of elements of {@code shape}; raises InvalidParameterException on negative or overflowing shapes. */
  static long elementCount(long[] shape) {
    if (shape == null) {
      throw new InvalidParameterException("shape", null, "an array of dimensions >= 0");
    }
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new InvalidParameterException("shape", Arrays.toString(shape), "dimensions >= 0");
      }
      try {
        n = Math.multiplyExact(n, d);
      } catch (ArithmeticException e) {
        throw new InvalidParameterException("shape", Arrays.toString(shape), "a shape of fewer than 2^63 elements");
      }
    }
    return n;
  }

  static long byteSize(long[] shape, DType dtype) {
    try {
      return Math.multiplyExact(elementCount(shape), dtype.byteSize());
    } catch (ArithmeticException e) {
      throw new InvalidParameterException("shape", Arrays.toString(shape), "a tensor of fewer than 2^63 bytes");
    }
  }

  /** The dimensions (a copy). */
  public long[] shape() {
    return shape.clone();
  }

  public DType dtype() {
    return dtype;
  }

  public Device device() {
    return block.device();
  }

  /** Number of elements. */
  public long size() {
    return elementCount;
  }

  /** Exact bytes of the elements (the block behind may be larger: see {@link #block()}). */
  public long byteSize() {
    return byteSize;
  }

  /** The pool block holding the data. */
  public MemoryBlock block() {
    return block;
  }

  /** Native address of the first element (host or device address). */
  public long address() {
    return block.pointer();
  }

  /** Whether the tensor has not been freed. */
  public boolean isLive() {
    return live.get();
  }

  MemoryManager manager() {
    return manager;
  }

  boolean markFreed() {
    return live.compareAndSet(true, false);
  }

  /** A fresh handle on the same memory (the manager's recycling); this handle must be dead already. */
  Tensor rewrap(long[] newShape) {
    return new Tensor(manager, block, newShape, dtype);
  }

  private void checkLive() {
    if (!live.get()) {
      throw new MemoryAlreadyFreedException("Tensor " + Arrays.toString(shape) + " " + dtype.value());
    }
  }

  private void checkIndex(long index) {
    checkLive();
    if (index < 0 || index >= elementCount) {
      throw new IndexOutOfBoundsException("Index " + index + " out of bounds for tensor of " + elementCount
          + " elements");
    }
  }

  private ArrowBuf buf() {
    return (ArrowBuf) block.backing();
  }

  private GpuMemoryPool gpu() {
    return (GpuMemoryPool) block.pool();
  }

  private boolean onGpu() {
    return block.device() == Device.GPU;
  }

  /** Element {@code index} (flat, row-major) converted to float. */
  public float getFloat(long index) {
    if (dtype == DType.FLOAT32) {
      checkIndex(index);
      if (onGpu()) {
        float[] v = new float[1];
        gpu().copyOut(block, index * 4, Pointer.to(v), 4);
        return v[0];
      }
      return buf().getFloat(index * 4);
    }
    return (float) getDouble(index);
  }

  /** Sets element {@code index} (flat, row-major), converting to the dtype (integers round toward zero). */
  public void setFloat(long index, float value) {
    if (dtype == DType.FLOAT32) {
      checkIndex(index);
      if (onGpu()) {
        gpu().copyIn(block, index * 4, Pointer.to(new float[] {value}), 4);
      } else {
        buf().setFloat(index * 4, value);
      }
      return;
    }
    setDouble(index, value);
  }

  /** Element {@code index} converted to double. */
  public double getDouble(long index) {
    checkIndex(index);
    int w = dtype.byteSize();
    long at = index * w;
    if (onGpu()) {
      ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
      gpu().copyOut(block, at, Pointer.to(b), w);
      return decode(b, 0);
    }
    ArrowBuf a = buf();
    switch (dtype) {
      case FLOAT32: return a.getFloat(at);
      case FLOAT64: return a.getDouble(at);
      case INT8: return a.getByte(at);
      case INT16: return a.getShort(at);
      case INT32: return a.getInt(at);
      default: return a.getLong(at);
    }
  }

  /** Sets element {@code index}, converting to the dtype (integers round toward zero). */
  public void setDouble(long index, double value) {
    checkIndex(index);
    int w = dtype.byteSize();
    long at = index * w;
    if (onGpu()) {
      ByteBuffer b = ByteBuffer.allocateDirect(8).order(ByteOrder.LITTLE_ENDIAN);
      encode(b, 0, value);
      gpu().copyIn(block, at, Pointer.to(b), w);
      return;
    }
    ArrowBuf a = buf();
    switch (dtype) {
      case FLOAT32: a.setFloat(at, (float) value); break;
      case FLOAT64: a.setDouble(at, value); break;
      case INT8: a.setByte(at, (byte) value); break;
      case INT16: a.setShort(at, (short) value); break;
      case INT32: a.setInt(at, (int) value); break;
      default: a.setLong(at, (long) value); break;
    }
  }

  private double decode(ByteBuffer b, int at) {
    switch (dtype) {
      case FLOAT32: return b.getFloat(at);
      case FLOAT64: return b.getDouble(at);
      case INT8: return b.get(at);
      case INT16: return b.getShort(at);
      case INT32: return b.getInt(at);
      default: return b.getLong(at);
    }
  }

  private void encode(ByteBuffer b, int at, double v) {
    switch (dtype) {
      case FLOAT32: b.putFloat(at, (float) v); break;
      case FLOAT64: b.putDouble(at, v); break;
      case INT8: b.put(at, (byte) v); break;
      case INT16: b.putShort(at, (short) v); break;
      case INT32: b.putInt(at, (int) v); break;
      default: b.putLong(at, (long) v); break;
    }
  }

  private void checkLength(long length) {
    if (length != elementCount) {
      throw new InvalidParameterException("values", length + " values",
          "exactly " + elementCount + " values for tensor " + Arrays.toString(shape));
    }
  }

  /** Fills the tensor from {@code values} (length must equal {@link #size()}), converting to the dtype. */
  public void copyFrom(float[] values) {
    checkLive();
    checkLength(values.length);
    if (dtype == DType.FLOAT32) {
      if (onGpu()) {
        gpu().copyIn(block, 0, Pointer.to(values), byteSize);
      } else {
        asByteBuffer().asFloatBuffer().put(values);
      }
      return;
    }
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = values[i];
    }
    copyFrom(d);
  }

  /** Fills the tensor from {@code values} (length must equal {@link #size()}), converting to the dtype. */
  public void copyFrom(double[] values) {
    checkLive();
    checkLength(values.length);
    if (dtype == DType.FLOAT64) {
      if (onGpu()) {
        gpu().copyIn(block, 0, Pointer.to(values), byteSize);
      } else {
        asByteBuffer().asDoubleBuffer().put(values);
      }
      return;
    }
    if (dtype == DType.FLOAT32) {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      copyFrom(f);
      return;
    }
    ByteBuffer staging = ByteBuffer.allocateDirect((int) byteSize).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      encode(staging, i * dtype.byteSize(), values[i]);
    }
    copyFrom(staging);
  }

  /** Copies {@code src.remaining()} raw bytes (at most {@link #byteSize()}) to the start of the tensor. */
  public void copyFrom(ByteBuffer src) {
    checkLive();
    int n = src.remaining();
    if (n > byteSize) {
      throw new InvalidParameterException("src", n + " bytes", "at most " + byteSize + " bytes");
    }
    if (onGpu()) {
      ByteBuffer direct = src.isDirect() ? src.slice() : ByteBuffer.allocateDirect(n).put(src.duplicate()).flip();
      gpu().copyIn(block, 0, Pointer.to(direct), n);
    } else {
      asByteBuffer().put(src.duplicate());
    }
  }

  /** Copies all {@link #byteSize()} raw bytes into {@code dst} at its position, advancing it. */
  public void copyTo(ByteBuffer dst) {
    checkLive();
    if (dst.remaining() < byteSize) {
      throw new InvalidParameterException("dst", dst.remaining() + " bytes free", "at least " + byteSize);
    }
    if (onGpu()) {
      ByteBuffer direct = ByteBuffer.allocateDirect((int) byteSize);
      gpu().copyOut(block, 0, Pointer.to(direct), byteSize);
      dst.put(direct);
    } else {
      dst.put(asByteBuffer());
    }
  }

  /** All elements as floats (a new array). */
  public float[] toFloatArray() {
    checkLive();
    int n = arrayLength();
    float[] out = new float[n];
    if (dtype == DType.FLOAT32) {
      if (onGpu()) {
        gpu().copyOut(block, 0, Pointer.to(out), byteSize);
      } else {
        asByteBuffer().asFloatBuffer().get(out);
      }
      return out;
    }
    double[] d = toDoubleArray();
    for (int i = 0; i < n; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  /** All elements as doubles (a new array). */
  public double[] toDoubleArray() {
    checkLive();
    int n = arrayLength();
    double[] out = new double[n];
    if (dtype == DType.FLOAT64) {
      if (onGpu()) {
        gpu().copyOut(block, 0, Pointer.to(out), byteSize);
      } else {
        asByteBuffer().asDoubleBuffer().get(out);
      }
      return out;
    }
    ByteBuffer b = ByteBuffer.allocateDirect((int) byteSize).order(ByteOrder.LITTLE_ENDIAN);
    copyTo(b);
    for (int i = 0; i < n; i++) {
      out[i] = decode(b, i * dtype.byteSize());
    }
    return out;
  }

  private int arrayLength() {
    if (elementCount > Integer.MAX_VALUE - 8) {
      throw new UnsupportedOperationException("Tensor of " + elementCount + " elements does not fit a Java array");
    }
    return (int) elementCount;
  }

  /** Sets every byte to zero. */
  public void zero() {
    checkLive();
    if (onGpu()) {
      gpu().zero(block, byteSize);
    } else {
      buf().setZero(0, byteSize);
    }
  }

  /**
   * A little-endian view of the CPU tensor's {@link #byteSize()} bytes (position 0), sharing its memory: the
   * feature pipeline's working buffers. Raises {@link IllegalStateException} for GPU tensors.
   */
  public ByteBuffer asByteBuffer() {
    checkLive();
    if (onGpu()) {
      throw new IllegalStateException("A GPU tensor has no host view; use toFloatArray()/copyTo() or"
          + " devicePointer()");
    }
    if (byteSize > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException("Tensor of " + byteSize + " bytes exceeds one ByteBuffer (2 GiB)");
    }
    return buf().nioBuffer(0, (int) byteSize).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** {@link #asByteBuffer()} as floats (FLOAT32 tensors). */
  public FloatBuffer asFloatBuffer() {
    if (dtype != DType.FLOAT32) {
      throw new IllegalStateException("asFloatBuffer() needs a float32 tensor, this one is " + dtype.value());
    }
    return asByteBuffer().asFloatBuffer();
  }

  /** {@link #asByteBuffer()} as doubles (FLOAT64 tensors). */
  public DoubleBuffer asDoubleBuffer() {
    if (dtype != DType.FLOAT64) {
      throw new IllegalStateException("asDoubleBuffer() needs a float64 tensor, this one is " + dtype.value());
    }
    return asByteBuffer().asDoubleBuffer();
  }

  /** The CUDA device pointer of a GPU tensor, for kernels; raises {@link IllegalStateException} on CPU tensors. */
  public CUdeviceptr devicePointer() {
    checkLive();
    if (!onGpu()) {
      throw new IllegalStateException("A CPU tensor has no device pointer");
    }
    return gpu().devicePointer(block);
  }

  /**
   * A new tensor with the same shape, dtype, device and contents, owned by the caller (the seed's
   * {@code tensor.copy()}), from the same manager.
   *
   * @throws MemoryPoolExhaustedException when the manager cannot serve it
   */
  public Tensor copy() {
    checkLive();
    Tensor t = manager.allocateTensorOrThrow(shape, dtype, onGpu());
    manager.copyContents(this, t);
    return t;
  }

  /** Frees the tensor (same as {@link MemoryManager#freeTensor}). */
  @Override
  public void close() {
    manager.freeTensor(this);
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " " + dtype.value() + " on " + block.device()
        + (live.get() ? "" : " (freed)");
  }
}
