package org.noodlevision.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of a {@link TensorCache} (the seed's {@code get_stats()}).
 *
 * @param hits lookups that found a tensor
 * @param misses lookups that found none
 * @param cacheEfficiency {@code hits / (hits + misses)}, 0 before any lookup
 * @param evictions entries removed to make room (each released its memory)
 * @param size entries now cached
 * @param bytes bytes of the cached tensors
 */
public record CacheStats(long hits, long misses, double cacheEfficiency, long evictions, int size, long bytes) {

  static CacheStats of(long hits, long misses, long evictions, int size, long bytes) {
    long lookups = hits + misses;
    return new CacheStats(hits, misses, lookups == 0 ? 0.0 : (double) hits / lookups, evictions, size, bytes);
  }

  /** Keys as the seed's dict: {@code hits}, {@code misses}, {@code cache_efficiency}, ... */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hits", hits);
    m.put("misses", misses);
    m.put("cache_efficiency", cacheEfficiency);
    m.put("evictions", evictions);
    m.put("size", size);
    m.put("bytes", bytes);
    return m;
  }
}
