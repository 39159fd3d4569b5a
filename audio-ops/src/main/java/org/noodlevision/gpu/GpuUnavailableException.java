package org.noodlevision.gpu;

import org.noodlevision.NoodleVisionException;

/**
 * The GPU backend was asked for ({@code backend=gpu}) but no usable CUDA device exists: the JCuda natives or the
 * CUDA driver do not load, there is no device, or the kernels do not load on it. The message says which.
 * With {@code backend=auto} this never surfaces: the CPU path runs instead.
 */
public class GpuUnavailableException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;

  public GpuUnavailableException(String message) {
    super(message);
  }

  public GpuUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
