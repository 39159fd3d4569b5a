package org.noodlevision.memory;

import org.noodlevision.NoodleVisionException;

/**
 * A pool could not serve a request within its configured maximum size. Raised only by the {@code ...OrThrow}
 * variants; the seed-style methods return {@code Optional.empty()} instead. Never a {@link OutOfMemoryError}.
 */
public class MemoryPoolExhaustedException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;
  private final long requestedBytes;

  public MemoryPoolExhaustedException(String poolName, long requestedBytes, long currentUsage, long maxSize,
      String setting) {
    super(poolName + " cannot allocate " + requestedBytes + " bytes: " + currentUsage + " of " + maxSize
        + " bytes are in use. Free tensors you no longer need, call cleanup(), or raise " + setting + ".");
    this.requestedBytes = requestedBytes;
  }

  public long requestedBytes() {
    return requestedBytes;
  }
}
