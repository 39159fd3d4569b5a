package org.noodlevision.spark.source;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.noodlevision.InvalidParameterException;

/** The options of the {@code audio} source, validated once on the driver. */
final class AudioReadOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  final List<String> paths;
  final ParseMode mode;
  final boolean recursiveFileLookup;
  final String pathGlobFilter;
  /** Longest clip accepted, in seconds; {@code Double.POSITIVE_INFINITY} when not set. */
  final double maxDurationSec;
  /**
   * Option {@code samples} (default true): false makes a header-only scan: each file's header is read (format,
   * sample rate, channels, the length it declares), {@code samples} stays null and nothing else is decoded.
   */
  final boolean decodeSamples;
  /**
   * Option {@code extensions} (default: all): file name extensions, lower case without the dot, of the files kept
   * when listing a directory or matching a glob; a file named literally is read whatever its name. Null for all.
   */
  final Set<String> extensions;

  private AudioReadOptions(List<String> paths, ParseMode mode, boolean recursive, String glob, double maxDuration,
      boolean decodeSamples, Set<String> extensions) {
    this.paths = paths;
    this.mode = mode;
    this.recursiveFileLookup = recursive;
    this.pathGlobFilter = glob;
    this.maxDurationSec = maxDuration;
    this.decodeSamples = decodeSamples;
    this.extensions = extensions;
  }

  static AudioReadOptions parse(CaseInsensitiveStringMap options) {
    List<String> paths = new ArrayList<>();
    if (options.containsKey("path")) {
      paths.add(options.get("path"));
    }
    if (options.containsKey("paths")) {
      try {
        paths.addAll(new ObjectMapper().readValue(options.get("paths"), new TypeReference<List<String>>() {}));
      } catch (java.io.IOException e) {
        throw new InvalidParameterException("paths", options.get("paths"), "a JSON array of paths");
      }
    }
    if (paths.isEmpty()) {
      throw new InvalidParameterException("path", "none",
          "one or more files or directories: spark.read().format(\"audio\").load(path)");
    }
    ParseMode mode = ParseMode.fromOption(options.get("mode"));
    boolean recursive = parseBoolean(options, "recursiveFileLookup");
    String glob = options.get("pathGlobFilter");
    double maxDuration = Double.POSITIVE_INFINITY;
    String max = options.get("maxDurationSec");
    if (max != null) {
      try {
        maxDuration = Double.parseDouble(max.trim());
      } catch (NumberFormatException e) {
        maxDuration = Double.NaN;
      }
      if (!(maxDuration > 0)) {
        throw new InvalidParameterException("maxDurationSec", max, "a duration in seconds > 0");
      }
    }
    boolean decodeSamples = !options.containsKey("samples") || parseBoolean(options, "samples");
    return new AudioReadOptions(List.copyOf(paths), mode, recursive, glob, maxDuration, decodeSamples,
        parseExtensions(options.get("extensions")));
  }

  /** {@code wav,FLAC, .mp3} gives {wav, flac, mp3}; null (option absent) keeps every file. */
  static Set<String> parseExtensions(String value) {
    if (value == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    for (String part : value.split(",", -1)) {
      String ext = part.trim().toLowerCase(Locale.ROOT);
      ext = ext.startsWith(".") ? ext.substring(1) : ext;
      if (ext.isEmpty() || ext.contains(".") || ext.contains("/")) {
        throw new InvalidParameterException("extensions", value,
            "a comma-separated list of file name extensions such as wav,flac (case-insensitive)");
      }
      out.add(ext);
    }
    return Set.copyOf(out);
  }

  private static boolean parseBoolean(CaseInsensitiveStringMap options, String key) {
    String v = options.get(key);
    if (v == null) {
      return false;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true": return true;
      case "false": return false;
      default: throw new InvalidParameterException(key, v, "true, false");
    }
  }
}
