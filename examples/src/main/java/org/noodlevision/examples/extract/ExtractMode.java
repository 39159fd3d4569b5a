package org.noodlevision.examples.extract;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/** What {@code extract} does with a file it cannot decode or compute (flag {@code --mode}), as Spark's readers do. */
public enum ExtractMode {
  /** A row with the reason in {@code error} and null features (the default). */
  PERMISSIVE,
  /** No row for the file. */
  DROPMALFORMED,
  /** The job fails at the first bad file, naming it and the reason. */
  FAILFAST;

  static ExtractMode fromFlag(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException("--mode", value, "PERMISSIVE, DROPMALFORMED, FAILFAST");
    }
  }
}
