package org.noodlevision.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Usage of one pool (the seed's {@code get_usage()}): bytes of live blocks, the pool's hard cap, and their ratio in
 * percent. Bytes are counted in the pool's own units (a block's rounded size), which are also what Arrow or CUDA
 * holds for it.
 */
public record PoolUsage(long currentUsage, long maxSize, double usagePercentage) {

  static PoolUsage of(long currentUsage, long maxSize) {
    return new PoolUsage(currentUsage, maxSize, maxSize <= 0 ? 0.0 : 100.0 * currentUsage / maxSize);
  }

  /** Keys as the seed's dict: {@code current_usage}, {@code max_size}, {@code usage_percentage}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("current_usage", currentUsage);
    m.put("max_size", maxSize);
    m.put("usage_percentage", usagePercentage);
    return m;
  }
}
