package org.noodlevision.gpu;

import org.noodlevision.NoodleVisionException;

/**
 * A device or pinned-host allocation failed. {@link GpuFeatureExtractor} catches it, splits the batch and retries,
 * then computes the batch on the CPU: a job never fails for it. It reaches callers only from lower-level calls.
 */
public class GpuOutOfMemoryException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;
  private final long requestedBytes;

  public GpuOutOfMemoryException(String what, long requestedBytes) {
    super("GPU out of memory allocating " + requestedBytes + " bytes for " + what
        + ". Lower the batch size or noodlevision GPU max frames per launch, or free device memory.");
    this.requestedBytes = requestedBytes;
  }

  /** The size of the allocation that failed, in bytes. */
  public long requestedBytes() {
    return requestedBytes;
  }
}
