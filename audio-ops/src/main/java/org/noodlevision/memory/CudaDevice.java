package org.noodlevision.memory;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * The one place that touches JCuda's driver API for the memory pools. {@link #probe(int)} loads the natives,
 * initialises the driver and retains the device's <em>primary</em> context (the one the runtime API and other
 * driver users of this process share, so kernels launched by the GPU feature code see this memory). Any failure
 * there (no JCuda natives: {@link UnsatisfiedLinkError}; no driver or no device: {@link CudaException}) becomes an
 * unavailable probe with its reason, never an exception.
 *
 * <p>Every later call makes the primary context current on the calling thread first (cheap), so pool methods
 * work from any thread. Failures of later calls raise {@link GpuMemoryException}.
 */
final class CudaDevice {
  /** Result of {@link #probe(int)}: a device, or the reason there is none. */
  record Probe(CudaDevice device, String unavailableReason) {}

  /** A CUdeviceptr whose address Java can read. */
  static final class DeviceAddress extends CUdeviceptr {
    long address() {
      return getNativePointer() + getByteOffset();
    }
  }

  private final int ordinal;
  private final CUdevice device;
  private final CUcontext context;
  private final String name;
  private final long totalMemory;
  private boolean released;

  private CudaDevice(int ordinal, CUdevice device, CUcontext context, String name, long totalMemory) {
    this.ordinal = ordinal;
    this.device = device;
    this.context = context;
    this.name = name;
    this.totalMemory = totalMemory;
  }

  static Probe probe(int ordinal) {
    try {
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuInit(0);
      int[] count = new int[1];
      JCudaDriver.cuDeviceGetCount(count);
      if (count[0] == 0) {
        return new Probe(null, "the CUDA driver reports no device");
      }
      if (ordinal < 0 || ordinal >= count[0]) {
        return new Probe(null, "device ordinal " + ordinal + " does not exist (devices: " + count[0] + ")");
      }
      CUdevice dev = new CUdevice();
      JCudaDriver.cuDeviceGet(dev, ordinal);
      CUcontext ctx = new CUcontext();
      JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev);
      JCudaDriver.cuCtxSetCurrent(ctx);
      byte[] nameBytes = new byte[256];
      JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, dev);
      String name = new String(nameBytes, java.nio.charset.StandardCharsets.US_ASCII).trim();
      int zero = name.indexOf('\0');
      if (zero >= 0) {
        name = name.substring(0, zero);
      }
      long[] total = new long[1];
      JCudaDriver.cuDeviceTotalMem(total, dev);
      return new Probe(new CudaDevice(ordinal, dev, ctx, name, total[0]), null);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return new Probe(null, "JCuda natives could not be loaded: " + e);
    } catch (CudaException e) {
      return new Probe(null, "CUDA driver unavailable: " + e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return new Probe(null, "CUDA initialisation failed: " + e);
    }
  }

  int ordinal() {
    return ordinal;
  }

  String name() {
    return name;
  }

  long totalMemory() {
    return totalMemory;
  }

  private void makeCurrent() {
    JCudaDriver.cuCtxSetCurrent(context);
  }

  /** cuMemAlloc of {@code bytes}; null when the device is out of memory. */
  DeviceAddress memAlloc(long bytes) {
    try {
      makeCurrent();
      DeviceAddress p = new DeviceAddress();
      JCudaDriver.cuMemAlloc(p, bytes);
      return p;
    } catch (CudaException e) {
      return null;
    }
  }

  void memFree(CUdeviceptr p) {
    call("cuMemFree", () -> JCudaDriver.cuMemFree(p));
  }

  void copyHostToDevice(CUdeviceptr dst, Pointer src, long bytes) {
    call("cuMemcpyHtoD", () -> JCudaDriver.cuMemcpyHtoD(dst, src, bytes));
  }

  void copyDeviceToHost(Pointer dst, CUdeviceptr src, long bytes) {
    call("cuMemcpyDtoH", () -> JCudaDriver.cuMemcpyDtoH(dst, src, bytes));
  }

  void copyDeviceToDevice(CUdeviceptr dst, CUdeviceptr src, long bytes) {
    call("cuMemcpyDtoD", () -> JCudaDriver.cuMemcpyDtoD(dst, src, bytes));
  }

  void memsetZero(CUdeviceptr dst, long bytes) {
    call("cuMemsetD8", () -> JCudaDriver.cuMemsetD8(dst, (byte) 0, bytes));
  }

  private void call(String what, Runnable r) {
    try {
      makeCurrent();
      r.run();
    } catch (CudaException e) {
      throw new GpuMemoryException(what + " failed on CUDA device " + ordinal + " (" + name + "): "
          + e.getMessage(), e);
    }
  }

  synchronized void release() {
    if (!released) {
      released = true;
      try {
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
      } catch (CudaException e) {
        // the context is being torn down anyway; nothing to recover
      }
    }
  }
}
