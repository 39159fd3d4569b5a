package org.noodlevision.memory;

import java.util.Locale;
import org.noodlevision.InvalidParameterException;

/**
 * Whether a {@link MemoryManager} uses the GPU: {@link #AUTO} uses it when a CUDA device and driver are present,
 * {@link #ON} wants it (an unavailable GPU is still not an error: it is reported and requests fall back to the CPU
 * pool, counted as GPU fallbacks), {@link #OFF} never touches CUDA.
 */
public enum GpuMode {
  ON, OFF, AUTO;

  public static GpuMode fromName(String name) {
    for (GpuMode m : values()) {
      if (m.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
        return m;
      }
    }
    throw new InvalidParameterException("gpu", name, "on, off, auto");
  }

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
