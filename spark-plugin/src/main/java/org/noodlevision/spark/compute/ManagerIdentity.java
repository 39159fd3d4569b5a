package org.noodlevision.spark.compute;

import org.noodlevision.memory.MemoryManager;

/**
 * A MemoryManager compared by identity, for the per-thread cache keys: a plugin restarted in the same JVM (tests)
 * brings a new manager and pools, whose cached pipelines and GPU computers must not be reused.
 */
final class ManagerIdentity {
  private final MemoryManager manager;

  ManagerIdentity(MemoryManager manager) {
    this.manager = manager;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ManagerIdentity && ((ManagerIdentity) o).manager == manager;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(manager);
  }
}
