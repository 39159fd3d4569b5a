package org.noodlevision.spark.compute;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Turns option maps and option strings ({@code "n_fft=512, hop_length=160"}) into {@link FeatureParams}, using the
 * engine's parameter names and defaults ({@link FeatureParams#PARAMETER_NAMES}). Parsed parameters are cached by
 * their text, since SQL passes the same literal options on every row.
 */
public final class FeatureOptions {
  private static final int MAX_CACHED = 256;
  private static final Map<String, FeatureParams> PARSED = new ConcurrentHashMap<>();

  private FeatureOptions() {}

  /** Parameters from a map of engine names to values; an empty map gives librosa's defaults. */
  public static FeatureParams fromMap(Map<String, String> options) {
    FeatureParams.Builder b = FeatureParams.builder();
    if (options != null) {
      options.forEach(b::set);
    }
    return b.build();
  }

  /**
   * Parameters from {@code "name=value"} pairs separated by commas or semicolons, e.g.
   * {@code "n_fft=512, hop_length=160, win_length=400, n_mels=40"}. Blank text gives librosa's defaults.
   */
  public static FeatureParams fromString(String options) {
    String key = options == null ? "" : options.trim();
    FeatureParams cached = PARSED.get(key);
    if (cached != null) {
      return cached;
    }
    FeatureParams parsed = fromMap(parse(key));
    if (PARSED.size() >= MAX_CACHED) {
      PARSED.clear();
    }
    PARSED.put(key, parsed);
    return parsed;
  }

  /** The same parameters as one option string, the inverse of {@link #fromString(String)} for the given map. */
  public static String toOptionString(Map<String, String> options) {
    StringBuilder sb = new StringBuilder();
    if (options != null) {
      options.forEach((k, v) -> {
        if (sb.length() > 0) {
          sb.append(", ");
        }
        sb.append(k).append('=').append(v);
      });
    }
    return sb.toString();
  }

  static Map<String, String> parse(String options) {
    Map<String, String> map = new LinkedHashMap<>();
    if (options.isEmpty()) {
      return map;
    }
    for (String pair : options.split("[,;]")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new InvalidParameterException("options", p,
            "name=value pairs separated by commas, names among " + String.join(", ", FeatureParams.PARAMETER_NAMES));
      }
      map.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
    }
    return map;
  }
}
