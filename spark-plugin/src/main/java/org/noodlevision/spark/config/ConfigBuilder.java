package org.noodlevision.spark.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fluent declaration of a {@link ConfigEntry}, in the manner of spark-rapids' {@code RapidsConf}:
 * {@code conf("spark.noodlevision.x").doc("...").bytes().check(v -> v > 0, "a positive size").createWithDefault("1g")}.
 * Only {@link NoodleVisionConf} declares entries.
 */
final class ConfigBuilder {
  private final String key;
  private String doc;

  private ConfigBuilder(String key) {
    this.key = key;
  }

  static ConfigBuilder conf(String key) {
    return new ConfigBuilder(key);
  }

  ConfigBuilder doc(String text) {
    this.doc = text;
    return this;
  }

  Typed<Long> bytes() {
    return new Typed<>("bytes", "a size such as 512k, 256m or 2g (a plain number is bytes)", ConfigValues::parseBytes);
  }

  Typed<Long> durationMillis() {
    return new Typed<>("duration", "a duration such as 500ms, 5s or 1min (a plain number is milliseconds)",
        ConfigValues::parseDurationMillis);
  }

  Typed<Boolean> bool() {
    return new Typed<>("boolean", "true or false", ConfigValues::parseBoolean);
  }

  Typed<Integer> integer() {
    return new Typed<>("int", "an integer", Integer::parseInt);
  }

  Typed<Double> decimal() {
    return new Typed<>("double", "a decimal number", Double::parseDouble);
  }

  /** One of the enum's constants, written in lower case (case-insensitive; '-' reads as '_'). */
  <E extends Enum<E>> Typed<E> oneOf(Class<E> type) {
    String names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    return new Typed<>("one of " + names, "one of " + names,
        raw -> Enum.valueOf(type, raw.replace('-', '_').toUpperCase(Locale.ROOT)));
  }

  /** One of {@code choices}, case-insensitive; the value read is the lower-case choice. */
  Typed<String> choice(String... choices) {
    String names = String.join(", ", choices);
    return new Typed<>("one of " + names, "one of " + names, raw -> {
      String v = raw.toLowerCase(Locale.ROOT);
      if (!Arrays.asList(choices).contains(v)) {
        throw new IllegalArgumentException("not one of " + names);
      }
      return v;
    });
  }

  /** The second step: a type is chosen; add a validation and create the entry. */
  final class Typed<T> {
    private final String typeName;
    private String allowed;
    private final Function<String, T> parser;
    private Predicate<T> check = v -> true;

    private Typed(String typeName, String allowed, Function<String, T> parser) {
      this.typeName = typeName;
      this.allowed = allowed;
      this.parser = parser;
    }

    /** Values must pass {@code test}; {@code allowedText} says which (shown in errors and docs). */
    Typed<T> check(Predicate<T> test, String allowedText) {
      this.check = test;
      this.allowed = allowedText;
      return this;
    }

    ConfigEntry<T> createWithDefault(String defaultText) {
      return NoodleVisionConf.register(new ConfigEntry<>(key, doc, typeName, allowed, defaultText, parser, check));
    }

    ConfigEntry<T> createOptional() {
      return NoodleVisionConf.register(new ConfigEntry<>(key, doc, typeName, allowed, null, parser, check));
    }
  }
}
