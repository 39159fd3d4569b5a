package org.noodlevision.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A consistent-enough snapshot of a {@link MemoryManager} (the seed's {@code get_statistics()}), cheap enough to be
 * polled by metric gauges. Each pool's figures are taken atomically under that pool's lock.
 *
 * @param cpuPool usage of the CPU pool
 * @param gpuPool usage of the GPU pool (zeros when no GPU is available)
 * @param cacheStats the manager's tensor recycling cache
 * @param allocationsCount successful {@code allocateTensor} calls
 * @param cpuStats counters of the CPU pool
 * @param gpuStats counters of the GPU pool
 * @param allocationFailures {@code allocateTensor} calls that returned empty
 * @param gpuFallbacks GPU-preferring requests served by the CPU pool
 * @param liveTensors tensors handed out and not freed
 * @param liveBytes bytes of those tensors (their exact {@link Tensor#byteSize()})
 * @param policy the manager's current policy
 * @param gpuAvailable whether the GPU pool is usable
 */
public record MemoryStatistics(PoolUsage cpuPool, PoolUsage gpuPool, CacheStats cacheStats, long allocationsCount,
    MemoryStats cpuStats, MemoryStats gpuStats, long allocationFailures, long gpuFallbacks, long liveTensors,
    long liveBytes, MemoryPolicy policy, boolean gpuAvailable) {

  /**
   * The seed's dict: {@code cpu_pool} and {@code gpu_pool} (usage keys plus the pool counters), {@code cache_stats},
   * {@code allocations_count}, and {@code allocation_failures}, {@code gpu_fallbacks}, {@code live_tensors},
   * {@code live_bytes}, {@code policy}, {@code gpu_available}.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> cpu = cpuPool.toMap();
    cpu.putAll(cpuStats.toMap());
    Map<String, Object> gpu = gpuPool.toMap();
    gpu.putAll(gpuStats.toMap());
    m.put("cpu_pool", cpu);
    m.put("gpu_pool", gpu);
    m.put("cache_stats", cacheStats.toMap());
    m.put("allocations_count", allocationsCount);
    m.put("allocation_failures", allocationFailures);
    m.put("gpu_fallbacks", gpuFallbacks);
    m.put("live_tensors", liveTensors);
    m.put("live_bytes", liveBytes);
    m.put("policy", policy.value());
    m.put("gpu_available", gpuAvailable);
    return m;
  }
}
