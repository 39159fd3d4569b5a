package org.noodlevision.spark.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.noodlevision.InvalidParameterException;

/**
 * One {@code spark.noodlevision.*} setting: its key, documentation, type, default and validation. Entries are
 * declared once, in {@link NoodleVisionConf}, through {@link ConfigBuilder}; reading a value parses and validates
 * it, and a bad value raises an {@link InvalidParameterException} naming the key, the value and what is allowed.
 *
 * @param <T> the value type
 */
public final class ConfigEntry<T> {
  private final String key;
  private final String doc;
  private final String typeName;
  private final String allowed;
  private final String defaultText;
  private final Function<String, T> parser;
  private final Predicate<T> check;

  ConfigEntry(String key, String doc, String typeName, String allowed, String defaultText,
      Function<String, T> parser, Predicate<T> check) {
    this.key = Objects.requireNonNull(key, "key");
    this.doc = Objects.requireNonNull(doc, "doc of " + key);
    this.typeName = typeName;
    this.allowed = allowed;
    this.defaultText = defaultText;
    this.parser = parser;
    this.check = check;
    if (defaultText != null) {
      parse(defaultText); // a default that fails its own validation is a programming error: fail on class load
    }
  }

  /** The full key, e.g. {@code spark.noodlevision.memory.policy}. */
  public String key() {
    return key;
  }

  /** What the setting does, as shown in docs/configuration.md. */
  public String doc() {
    return doc;
  }

  /** The value type in words (bytes, duration, boolean, one of ...). */
  public String typeName() {
    return typeName;
  }

  /** What values are allowed, in words. */
  public String allowed() {
    return allowed;
  }

  /** The default as written in a configuration, or empty when the setting has no default (then it is optional). */
  public Optional<String> defaultText() {
    return Optional.ofNullable(defaultText);
  }

  /**
   * The value of this setting in {@code settings}, else its default; empty only for an optional setting that is
   * not set.
   *
   * @throws InvalidParameterException when the value given cannot be parsed or is not allowed
   */
  public Optional<T> readFrom(Map<String, String> settings) {
    String raw = settings.get(key);
    if (raw == null) {
      return defaultText == null ? Optional.empty() : Optional.of(parse(defaultText));
    }
    return Optional.of(parse(raw));
  }

  /** Like {@link #readFrom} for a setting that has a default. */
  public T get(Map<String, String> settings) {
    return readFrom(settings).orElseThrow(() -> new IllegalStateException(key + " has no default"));
  }

  T parse(String raw) {
    T value;
    try {
      value = parser.apply(raw.trim());
    } catch (RuntimeException e) {
      InvalidParameterException bad = new InvalidParameterException(key, "'" + raw + "'", allowed);
      bad.initCause(e);
      throw bad;
    }
    if (!check.test(value)) {
      throw new InvalidParameterException(key, "'" + raw + "'", allowed);
    }
    return value;
  }

  @Override
  public String toString() {
    return key;
  }
}
