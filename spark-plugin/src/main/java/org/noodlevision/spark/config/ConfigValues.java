package org.noodlevision.spark.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the textual forms of sizes, durations and booleans used by {@link ConfigBuilder}. */
final class ConfigValues {
  private ConfigValues() {
  }

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?");

  /** "512", "512b", "64k", "256m", "2g", "1t", "2gb", "2gib" (binary units, case-insensitive). */
  static long parseBytes(String text) {
    Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT).trim());
    if (!m.matches()) {
      throw new NumberFormatException("not a size: " + text);
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long n = Long.parseLong(m.group(1));
    if (n > (Long.MAX_VALUE >> shift)) {
      throw new NumberFormatException("out of range: " + text);
    }
    return n << shift;
  }

  /** "250ms", "5s", "2min", "1h", or a plain number of milliseconds. */
  static long parseDurationMillis(String text) {
    String s = text.toLowerCase(Locale.ROOT).trim();
    String[][] units = {{"ms", "1"}, {"min", "60000"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        return Math.multiplyExact(Long.parseLong(s.substring(0, s.length() - u[0].length()).trim()),
            Long.parseLong(u[1]));
      }
    }
    return Long.parseLong(s);
  }

  static boolean parseBoolean(String text) {
    return switch (text.toLowerCase(Locale.ROOT).trim()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + text);
    };
  }
}
