package org.noodlevision.memory;

import org.noodlevision.NoodleVisionException;

/** A CUDA driver call on memory the GPU pool owns failed (for example a copy to or from device memory). */
public class GpuMemoryException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;

  public GpuMemoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
