package org.noodlevision.gpu;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;

/**
 * Device 0 with its PRIMARY context (shared with the memory module's GPU pool) and the feature kernels loaded from
 * the {@code kernels.fatbin} resource with {@code cuModuleLoadData}. One per JVM, created by the first probe.
 */
final class CudaDevice {
  static final String FATBIN_RESOURCE = "/org/noodlevision/gpu/kernels.fatbin";
  static final String SOURCE_HASH_RESOURCE = "/org/noodlevision/gpu/kernels.sha256";

  private static volatile CudaDevice instance;

  final CUdevice device;
  final CUcontext context;
  final CUfunction stftF32;
  final CUfunction stftF64;
  final CUfunction tuning;
  final CUfunction chroma;
  final CUfunction dbMfcc;
  final int maxSharedPerBlockOptin;

  private CudaDevice(CUdevice device, CUcontext context, CUmodule module, int maxSharedOptin) {
    this.device = device;
    this.context = context;
    this.stftF32 = function(module, "nv_stft_f32");
    this.stftF64 = function(module, "nv_stft_f64");
    this.tuning = function(module, "nv_tuning");
    this.chroma = function(module, "nv_chroma");
    this.dbMfcc = function(module, "nv_db_mfcc");
    this.maxSharedPerBlockOptin = maxSharedOptin;
  }

  /** The loaded device, or throws {@link GpuUnavailableException} with the probe's reason. */
  static CudaDevice get() {
    GpuBackend.Probe p = GpuBackend.probe();
    if (!p.available()) {
      throw new GpuUnavailableException("No usable GPU: " + p.reason());
    }
    return instance;
  }

  /** Makes the primary context current on the calling thread (every thread that calls the driver must). */
  void makeCurrent() {
    CudaCheck.check(cuCtxSetCurrent(context), "cuCtxSetCurrent(primary context)");
  }

  static GpuBackend.Probe probe() {
    try {
      Class.forName("jcuda.driver.JCudaDriver");
    } catch (ClassNotFoundException e) {
      return GpuBackend.Probe.unavailable("JCuda is not on the classpath (" + e.getMessage() + ")");
    } catch (NoClassDefFoundError e) {
      return GpuBackend.Probe.unavailable("the JCuda driver natives failed to load earlier in this JVM (no NVIDIA "
          + "driver, libcuda.so.1, on this machine?): " + e.getMessage());
    } catch (Throwable t) {
      return GpuBackend.Probe.unavailable(shortReason(t));
    }
    try {
      int rc = cuInit(0);
      if (rc != CUresult.CUDA_SUCCESS) {
        return GpuBackend.Probe.unavailable("cuInit failed: " + CUresult.stringFor(rc));
      }
      int[] count = {0};
      rc = cuDeviceGetCount(count);
      if (rc != CUresult.CUDA_SUCCESS || count[0] == 0) {
        return GpuBackend.Probe.unavailable("no CUDA device (" + CUresult.stringFor(rc) + ", count " + count[0] + ")");
      }
      CUdevice dev = new CUdevice();
      CudaCheck.check(cuDeviceGet(dev, 0), "cuDeviceGet(0)");
      CUcontext ctx = new CUcontext();
      CudaCheck.check(cuDevicePrimaryCtxRetain(ctx, dev), "cuDevicePrimaryCtxRetain");
      CudaCheck.check(cuCtxSetCurrent(ctx), "cuCtxSetCurrent");
      byte[] name = new byte[256];
      cuDeviceGetName(name, name.length, dev);
      int[] major = {0};
      int[] minor = {0};
      int[] smem = {0};
      cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
      cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
      cuDeviceGetAttribute(smem, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN, dev);
      long[] total = {0};
      cuDeviceTotalMem(total, dev);
      CUmodule module = new CUmodule();
      byte[] fatbin = readResource(FATBIN_RESOURCE);
      rc = cuModuleLoadData(module, fatbin);
      if (rc != CUresult.CUDA_SUCCESS) {
        return GpuBackend.Probe.unavailable("the feature kernels do not load on this device (sm_" + major[0]
            + minor[0] + "): " + CUresult.stringFor(rc));
      }
      instance = new CudaDevice(dev, ctx, module, smem[0]);
      String deviceName = new String(name, StandardCharsets.US_ASCII).trim().replace("\0", "");
      return new GpuBackend.Probe(true, "", deviceName, major[0], minor[0], total[0]);
    } catch (Throwable t) {  // UnsatisfiedLinkError (no natives / no libcuda), CudaException, ...
      return GpuBackend.Probe.unavailable(shortReason(t));
    }
  }

  /** One line: why the JCuda driver API did not load or initialise. */
  static String shortReason(Throwable t) {
    String msg = String.valueOf(t.getMessage());
    if (msg.contains("libcuda.so")) {
      return "the CUDA driver (libcuda.so.1) is not installed: no NVIDIA driver on this machine";
    }
    if (t instanceof UnsatisfiedLinkError) {
      return "the JCuda native library does not load for this platform (" + msg.lines().findFirst().orElse("")
          + ")";
    }
    return "the CUDA driver API does not initialise: " + t.getClass().getSimpleName() + ": "
        + msg.lines().findFirst().orElse("");
  }

  static byte[] readResource(String path) throws IOException {
    try (InputStream in = CudaDevice.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("resource " + path + " is missing from the jar; rebuild audio-ops with nvcc present");
      }
      return in.readAllBytes();
    }
  }

  private static CUfunction function(CUmodule module, String name) {
    CUfunction f = new CUfunction();
    CudaCheck.check(cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
    return f;
  }
}
