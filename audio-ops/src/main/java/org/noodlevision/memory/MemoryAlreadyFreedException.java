package org.noodlevision.memory;

import org.noodlevision.NoodleVisionException;

/**
 * A tensor or block was freed twice, or used after it was freed. The memory may already belong to someone else,
 * so the operation is refused rather than corrupting it.
 */
public class MemoryAlreadyFreedException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;

  public MemoryAlreadyFreedException(String what) {
    super(what + " was already freed. Each tensor/block must be freed exactly once and not used afterwards"
        + " (Tensor.close() frees it too).");
  }
}
