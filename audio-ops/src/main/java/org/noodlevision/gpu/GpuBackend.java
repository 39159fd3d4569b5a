package org.noodlevision.gpu;

/**
 * Whether a usable CUDA GPU exists here. {@link #probe()} never throws: on a machine without a GPU, without the
 * CUDA driver or without JCuda natives it returns an unavailable {@link Probe} whose reason says which.
 */
public final class GpuBackend {
  private static volatile Probe cached;

  private GpuBackend() {}

  /** The result of probing device 0 of the CUDA driver. */
  public record Probe(boolean available, String reason, String deviceName, int computeMajor, int computeMinor,
                      long totalMemoryBytes) {
    static Probe unavailable(String reason) {
      return new Probe(false, reason, "", 0, 0, 0L);
    }

    @Override
    public String toString() {
      return available
          ? "GPU " + deviceName + " (sm_" + computeMajor + computeMinor + ", " + (totalMemoryBytes >> 20) + " MiB)"
          : "no GPU: " + reason;
    }
  }

  /** Probes once (cached): loads the JCuda driver API, initialises CUDA, loads the kernels on device 0. */
  public static Probe probe() {
    Probe p = cached;
    if (p == null) {
      synchronized (GpuBackend.class) {
        if (cached == null) {
          cached = CudaDevice.probe();
        }
        p = cached;
      }
    }
    return p;
  }
}
