package org.noodlevision.benchmarks.memory;

import java.util.Arrays;
import java.util.Locale;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import org.noodlevision.memory.GpuMemoryPool;
import org.noodlevision.memory.MemoryBlock;

/**
 * GPU allocate + free, side by side in one run: a warm {@link GpuMemoryPool} versus {@code cuMemAlloc} +
 * {@code cuMemFree}, per size. Prints the median per pair over batches, and the speed-up. A plain main (no JMH): it
 * runs on the GPU machine with only the JRE. Exits 0 with a message when no GPU is usable.
 *
 * <p>{@code java -cp <jars> org.noodlevision.benchmarks.memory.GpuPoolBenchmark}
 */
public final class GpuPoolBenchmark {
  private GpuPoolBenchmark() {}

  public static void main(String[] args) {
    try (GpuMemoryPool pool = new GpuMemoryPool(1L << 30)) {
      if (!pool.isAvailable()) {
        System.out.println("GPU pool unavailable: " + pool.unavailableReason().orElse("?"));
        return;
      }
      System.out.println("Device: " + pool.deviceName().orElse("?") + ", pool segment size "
          + pool.segmentSize() + " bytes");
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuInit(0);
      CUdevice dev = new CUdevice();
      JCudaDriver.cuDeviceGet(dev, 0);
      CUcontext ctx = new CUcontext();
      JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev);
      JCudaDriver.cuCtxSetCurrent(ctx);
      System.out.println(String.format(Locale.ROOT, "%10s %22s %26s %9s", "size", "pooled alloc+free (ns)",
          "cuMemAlloc+cuMemFree (ns)", "speed-up"));
      for (long size : new long[] {64L << 10, 1L << 20, 16L << 20}) {
        double pooled = pooledMedian(pool, size);
        double raw = rawMedian(size);
        System.out.println(String.format(Locale.ROOT, "%10d %22.1f %26.1f %8.0fx", size, pooled, raw, raw / pooled));
      }
      System.out.println("pool stats: " + pool.getStats() + ", cuMemAlloc segments: " + pool.segmentAllocations());
      JCudaDriver.cuDevicePrimaryCtxRelease(dev);
    }
  }

  private static double pooledMedian(GpuMemoryPool pool, long size) {
    for (int i = 0; i < 20_000; i++) {
      pool.free(pool.allocate(size).orElseThrow());
    }
    int batches = 200;
    int perBatch = 500;
    double[] t = new double[batches];
    for (int b = 0; b < batches; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        MemoryBlock block = pool.allocate(size).orElseThrow();
        pool.free(block);
      }
      t[b] = (System.nanoTime() - start) / (double) perBatch;
    }
    return median(t);
  }

  private static double rawMedian(long size) {
    CUdeviceptr p = new CUdeviceptr();
    for (int i = 0; i < 200; i++) {
      JCudaDriver.cuMemAlloc(p, size);
      JCudaDriver.cuMemFree(p);
    }
    int batches = 50;
    int perBatch = 40;
    double[] t = new double[batches];
    for (int b = 0; b < batches; b++) {
      long start = System.nanoTime();
      for (int i = 0; i < perBatch; i++) {
        JCudaDriver.cuMemAlloc(p, size);
        JCudaDriver.cuMemFree(p);
      }
      t[b] = (System.nanoTime() - start) / (double) perBatch;
    }
    return median(t);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
