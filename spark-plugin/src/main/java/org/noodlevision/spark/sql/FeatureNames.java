package org.noodlevision.spark.sql;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;

/** Parses comma-separated feature names ({@code "mfcc, chroma"}); blank means every feature. Cached by text. */
final class FeatureNames {
  /** Every feature name, comma-separated, for messages. */
  static final String ALL = Arrays.stream(Feature.values()).map(Feature::featureName)
      .collect(Collectors.joining(", "));
  private static final int MAX_CACHED = 256;
  private static final Map<String, Set<Feature>> PARSED = new ConcurrentHashMap<>();

  private FeatureNames() {}

  static Set<Feature> parse(String names) {
    String key = names == null ? "" : names.trim();
    Set<Feature> cached = PARSED.get(key);
    if (cached != null) {
      return cached;
    }
    Set<Feature> parsed = parseUncached(key);
    if (PARSED.size() >= MAX_CACHED) {
      PARSED.clear();
    }
    PARSED.put(key, parsed);
    return parsed;
  }

  private static Set<Feature> parseUncached(String names) {
    if (names.isEmpty()) {
      return Collections.unmodifiableSet(EnumSet.allOf(Feature.class));
    }
    EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
    for (String n : names.split(",")) {
      if (n.isBlank()) {
        throw new InvalidParameterException("features", names, "comma-separated feature names, none empty, among "
            + ALL);
      }
      set.add(Feature.fromName(n.trim()));
    }
    return Collections.unmodifiableSet(set);
  }
}
