package org.noodlevision.audio.features;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.noodlevision.memory.MemoryManager;

/** Per-thread reuse of {@link FeaturePipeline}s, so working buffers are allocated once per thread and setting. */
public final class FeaturePipelines {
  private static final int MAX_PER_THREAD = 8;
  private static final ThreadLocal<Map<Key, FeaturePipeline>> PIPELINES = ThreadLocal.withInitial(
      () -> new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, FeaturePipeline> eldest) {
          return size() > MAX_PER_THREAD;
        }
      });

  private FeaturePipelines() {}

  /** This thread's pipeline for {@code params} and {@code features} (the most recent 8 settings are kept). */
  public static FeaturePipeline forCurrentThread(FeatureParams params, Set<Feature> features) {
    return forCurrentThread(params, features, null);
  }

  /**
   * This thread's pipeline for {@code params} and {@code features} whose clip-sized buffers come from
   * {@code manager}'s pool (null: the heap). Keyed by the parameters in effect (a QUALITY_FIRST manager's float64,
   * read at each call) and by the manager's identity. Cached pipelines hold no pool memory between computations.
   */
  public static FeaturePipeline forCurrentThread(FeatureParams params, Set<Feature> features,
      MemoryManager manager) {
    Key key = new Key(FeaturePipeline.effectiveParams(params, manager), EnumSet.copyOf(features), manager);
    return PIPELINES.get().computeIfAbsent(key, k -> new FeaturePipeline(k.params, k.features, k.manager));
  }

  private static final class Key {
    final FeatureParams params;
    final Set<Feature> features;
    final MemoryManager manager;

    Key(FeatureParams params, Set<Feature> features, MemoryManager manager) {
      this.params = Objects.requireNonNull(params, "params");
      this.features = features;
      this.manager = manager;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).params.equals(params) && ((Key) o).features.equals(features)
          && ((Key) o).manager == manager;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * params.hashCode() + features.hashCode()) + System.identityHashCode(manager);
    }
  }
}
