package org.noodlevision.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one pool (the seed's {@code get_stats()}), all exact, taken under the pool's lock.
 *
 * @param totalAllocated cumulative bytes handed out since the pool was created (pool units)
 * @param peakUsage highest {@code currentUsage} ever seen
 * @param currentUsage bytes of blocks handed out and not yet freed
 * @param reservedBytes bytes the pool holds from Arrow/CUDA: live blocks plus freed blocks kept for reuse
 * @param allocationCount successful {@code allocate} calls
 * @param freeCount {@code free} calls
 * @param reuseCount allocations served from a freed block instead of new memory
 * @param failedAllocations {@code allocate} calls that returned empty
 */
public record MemoryStats(long totalAllocated, long peakUsage, long currentUsage, long reservedBytes,
    long allocationCount, long freeCount, long reuseCount, long failedAllocations) {

  /** Keys as the seed's dict: {@code total_allocated}, {@code peak_usage}, ... */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("total_allocated", totalAllocated);
    m.put("peak_usage", peakUsage);
    m.put("current_usage", currentUsage);
    m.put("reserved_bytes", reservedBytes);
    m.put("allocation_count", allocationCount);
    m.put("free_count", freeCount);
    m.put("reuse_count", reuseCount);
    m.put("failed_allocations", failedAllocations);
    return m;
  }
}
