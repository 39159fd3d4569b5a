package org.noodlevision.spark;

import java.util.OptionalLong;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.spark.config.NoodleVisionConf;

/** Turns validated {@code spark.noodlevision.*} settings into a {@link MemoryManagerConfig}. */
final class MemoryConfigs {
  private MemoryConfigs() {
  }

  static MemoryManagerConfig from(NoodleVisionConf conf, int deviceOrdinal) {
    GpuMode gpu = conf.get(NoodleVisionConf.GPU_MODE);
    MemoryManagerConfig.Builder b = MemoryManagerConfig.builder()
        .policy(conf.get(NoodleVisionConf.MEMORY_POLICY))
        .cpuMaxSize(conf.get(NoodleVisionConf.CPU_POOL_SIZE))
        .blockSize(conf.getOptional(NoodleVisionConf.BLOCK_SIZE).orElse(null))
        .cacheMaxEntries(conf.getOptional(NoodleVisionConf.CACHE_MAX_ENTRIES).orElse(null))
        .cacheEviction(conf.getOptional(NoodleVisionConf.CACHE_EVICTION).orElse(null))
        .gpuMode(gpu)
        .deviceOrdinal(deviceOrdinal)
        .debugAllocationSites(conf.get(NoodleVisionConf.LEAK_DEBUG));
    gpuPoolSize(conf, gpu, deviceOrdinal).ifPresent(b::gpuMaxSize);
    return b.build();
  }

  /** The configured size, else the fraction of the device's free memory; empty (manager default) without a GPU. */
  private static OptionalLong gpuPoolSize(NoodleVisionConf conf, GpuMode gpu, int deviceOrdinal) {
    if (conf.getOptional(NoodleVisionConf.GPU_POOL_SIZE).isPresent()) {
      return OptionalLong.of(conf.getOptional(NoodleVisionConf.GPU_POOL_SIZE).get());
    }
    if (gpu == GpuMode.OFF) {
      return OptionalLong.empty();
    }
    OptionalLong free = DeviceMemoryProbe.freeBytes(deviceOrdinal);
    double fraction = conf.get(NoodleVisionConf.GPU_POOL_FRACTION);
    return free.isPresent() && free.getAsLong() > 0
        ? OptionalLong.of(Math.max(1L << 20, (long) (free.getAsLong() * fraction)))
        : OptionalLong.empty();
  }
}
