package org.noodlevision.spark.compute;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small access-ordered cache that closes what it evicts: the per-thread caches of pipelines and GPU computers
 * (their buffers, kernels and pool memory are released as soon as they fall out). Not thread-safe: one per thread.
 */
final class ClosingLruCache<K, V extends AutoCloseable> {
  private final Map<K, V> entries;

  ClosingLruCache(int capacity) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        if (size() <= capacity) {
          return false;
        }
        try {
          eldest.getValue().close();
        } catch (Exception e) {
          throw new IllegalStateException("closing an evicted " + eldest.getValue().getClass().getSimpleName(), e);
        }
        return true;
      }
    };
  }

  /** The cached value for {@code key}, created by {@code create} (and cached) when absent. */
  V get(K key, Function<? super K, ? extends V> create) {
    V v = entries.get(key);
    if (v == null) {
      v = create.apply(key);
      entries.put(key, v);
    }
    return v;
  }
}
