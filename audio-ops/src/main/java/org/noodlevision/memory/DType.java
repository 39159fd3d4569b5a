package org.noodlevision.memory;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/** Element type of a {@link Tensor}, as numpy's dtypes in the seed API ({@code np.float32} is {@link #FLOAT32}). */
public enum DType {
  FLOAT32(4), FLOAT64(8), INT8(1), INT16(2), INT32(4), INT64(8);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes per element. */
  public int byteSize() {
    return byteSize;
  }

  /** Lower-case numpy name, e.g. {@code "float32"}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a numpy-style name ({@code float32}, {@code int64}, ...), case-insensitive. */
  public static DType fromName(String name) {
    for (DType d : values()) {
      if (d.value().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return d;
      }
    }
    throw new InvalidParameterException("dtype", name, "float32, float64, int8, int16, int32, int64");
  }

  boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }
}
