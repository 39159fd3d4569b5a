package org.noodlevision.audio.features;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    Key key = new Key(params, EnumSet.copyOf(features));
    return PIPELINES.get().computeIfAbsent(key, k -> new FeaturePipeline(k.params, k.features));
  }

  private static final class Key {
    final FeatureParams params;
    final Set<Feature> features;

    Key(FeatureParams params, Set<Feature> features) {
      this.params = Objects.requireNonNull(params, "params");
      this.features = features;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && ((Key) o).params.equals(params) && ((Key) o).features.equals(features);
    }

    @Override
    public int hashCode() {
      return 31 * params.hashCode() + features.hashCode();
    }
  }
}
