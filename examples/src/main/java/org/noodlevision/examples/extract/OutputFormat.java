package org.noodlevision.examples.extract;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/** The file format {@code extract} writes (flag {@code --format}). */
public enum OutputFormat {
  PARQUET, JSON;

  /** The name Spark's DataFrameWriter knows the format by. */
  public String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static OutputFormat fromFlag(String value) {
    for (OutputFormat f : values()) {
      if (f.sparkName().equalsIgnoreCase(value.trim())) {
        return f;
      }
    }
    throw new InvalidParameterException("--format", value, "parquet, json");
  }
}
