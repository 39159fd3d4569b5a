package org.noodlevision.spark.source;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/** What the {@code audio} source does with a file it cannot decode (option {@code mode}). */
public enum ParseMode {
  /** A row with the error in {@code error} and null samples (the default). */
  PERMISSIVE,
  /** No row for the file. */
  DROPMALFORMED,
  /** The job fails, naming the file and the reason. */
  FAILFAST;

  static ParseMode fromOption(String value) {
    if (value == null) {
      return PERMISSIVE;
    }
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("mode", value, "PERMISSIVE, DROPMALFORMED, FAILFAST");
    }
  }
}
