package org.noodlevision.gpu;

import java.nio.file.Path;
import org.noodlevision.memory.GpuMemoryPool;

/**
 * Parity of the GPU backend against librosa 0.11 on a GPU machine without Maven:
 * {@code java -cp ... org.noodlevision.gpu.GpuParityMain REFERENCE_DIR}. Prints per file and feature the max error
 * and PASS/FAIL; exit status 1 on any failure, 2 when no GPU is usable.
 */
public final class GpuParityMain {
  private GpuParityMain() {}

  public static void main(String[] args) throws Exception {
    Path ref = Path.of(args.length > 0 ? args[0] : "../shared/reference/librosa-0.11.0");
    GpuBackend.Probe probe = GpuBackend.probe();
    System.out.println("probe: " + probe);
    if (!probe.available()) {
      System.exit(2);
    }
    int failures = 0;
    GpuParityCheck big = new GpuParityCheck(ref, System.out);
    failures += big.run(GpuSettings.defaults());
    GpuParityCheck small = new GpuParityCheck(ref, System.out);
    failures += small.run(new GpuSettings(600, 2, 0));
    GpuParityCheck f32 = new GpuParityCheck(ref, System.out);
    failures += f32.run(new GpuSettings(16384, 4, 0, false));
    GpuParityCheck chunked = new GpuParityCheck(ref, System.out);
    chunked.chunkLongClips = true;
    failures += chunked.run(new GpuSettings(100, 2, 0));
    GpuParityCheck cpu = new GpuParityCheck(ref, System.out);
    cpu.compareWithCpu = true;
    failures += cpu.run(GpuSettings.defaults());
    GpuParityCheck oom = new GpuParityCheck(ref, System.out);
    try (GpuMemoryPool tiny = new GpuMemoryPool(16L << 20)) {
      oom.pool = tiny;
      failures += oom.run(GpuSettings.defaults());
    }
    if (oom.outOfMemoryEvents == 0 || oom.cpuFallbackClips == 0) {
      failures++;
      oom.failures.add("a 16 MiB pool should force out-of-memory splits and CPU fallbacks: " + oom.outOfMemoryEvents
          + " OOMs, " + oom.cpuFallbackClips + " CPU clips");
    }
    for (GpuParityCheck c : new GpuParityCheck[] {big, small, f32, chunked, cpu, oom}) {
      c.failures.forEach(f -> System.out.println("FAILURE: " + f));
    }
    System.out.println(failures == 0 ? "PARITY PASS" : "PARITY FAIL (" + failures + ")");
    System.exit(failures == 0 ? 0 : 1);
  }
}
