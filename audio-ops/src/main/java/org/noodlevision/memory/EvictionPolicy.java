package org.noodlevision.memory;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/**
 * How a {@link TensorCache} chooses the entry to evict when it is full (the seed's {@code 'lru' / 'lfu' /
 * 'adaptive'}).
 *
 * <ul>
 *   <li>{@link #LRU}: the least recently used entry.</li>
 *   <li>{@link #LFU}: the entry with the fewest hits; ties go to the least recently used.</li>
 *   <li>{@link #ADAPTIVE}: frequency-aware recency, in the spirit of W-TinyLFU: among the
 *       {@value TensorCache#ADAPTIVE_SAMPLE} least recently used entries, the one with the lowest (aged) hit
 *       frequency is evicted; frequencies are halved every {@code 10 x maxSize} accesses so that old popularity
 *       fades. A burst of one-off shapes therefore cannot flush a frequently reused shape (as it would under LRU),
 *       while a shape that stops being used ages out (as it would not under plain LFU).</li>
 * </ul>
 */
public enum EvictionPolicy {
  LRU, LFU, ADAPTIVE;

  /** Lower-case name as in the seed ({@code "lru"}). */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EvictionPolicy fromName(String name) {
    for (EvictionPolicy p : values()) {
      if (p.value().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return p;
      }
    }
    throw new InvalidParameterException("eviction_policy", name, "lru, lfu, adaptive");
  }
}
