package org.noodlevision.examples.info;

import jcuda.driver.CUdevice;
import jcuda.driver.JCudaDriver;

/**
 * What {@code info} reports about CUDA: the driver version and each device's name, compute capability and memory,
 * through JCuda's driver API. A missing native library, driver or device is a reason, never an exception.
 */
final class GpuProbe {
  /** The result: {@code devices} is empty and {@code unavailableReason} set when no GPU can be used. */
  record Result(String driverVersion, java.util.List<String> devices, String unavailableReason) {
    boolean available() {
      return unavailableReason == null && !devices.isEmpty();
    }
  }

  private GpuProbe() {}

  static Result probe() {
    try {
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuInit(0);
      int[] version = new int[1];
      JCudaDriver.cuDriverGetVersion(version);
      String driver = (version[0] / 1000) + "." + (version[0] % 1000 / 10) + " (CUDA driver API)";
      int[] count = new int[1];
      JCudaDriver.cuDeviceGetCount(count);
      java.util.List<String> devices = new java.util.ArrayList<>();
      for (int i = 0; i < count[0]; i++) {
        CUdevice dev = new CUdevice();
        JCudaDriver.cuDeviceGet(dev, i);
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, dev);
        long[] bytes = new long[1];
        JCudaDriver.cuDeviceTotalMem(bytes, dev);
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
        JCudaDriver.cuDeviceGetAttribute(minor, jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
        devices.add(i + ": " + new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "")
            + ", compute " + major[0] + "." + minor[0] + ", " + InfoMain.gib(bytes[0]));
      }
      return new Result(driver, devices, count[0] == 0 ? "the CUDA driver reports no device" : null);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      return new Result(null, java.util.List.of(), "JCuda natives not loadable here (" + firstLine(e) + ")");
    } catch (RuntimeException e) { // jcuda.CudaException: no driver, or no device
      return new Result(null, java.util.List.of(), "CUDA unavailable (" + firstLine(e) + ")");
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
