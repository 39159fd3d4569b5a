package org.noodlevision.memory;

/**
 * Attributes the current thread's allocations to an owner (e.g. a Spark task id) until closed; then the previous
 * owner is restored. Opened with {@link MemoryManager#openScope(String, boolean)}; when opened with
 * {@code releaseOnClose}, closing also frees what the owner left allocated and keeps the {@link #leakReport()}.
 *
 * <pre>{@code
 * try (AllocationScope scope = manager.openScope("task-" + taskId, true)) {
 *   ... allocate and (ideally) free tensors ...
 * }
 * }</pre>
 */
public final class AllocationScope implements AutoCloseable {
  private final MemoryManager manager;
  private final String owner;
  private final String previousOwner;
  private final boolean releaseOnClose;
  private final Thread thread;
  private LeakReport leakReport;
  private boolean closed;

  AllocationScope(MemoryManager manager, String owner, String previousOwner, boolean releaseOnClose) {
    this.manager = manager;
    this.owner = owner;
    this.previousOwner = previousOwner;
    this.releaseOnClose = releaseOnClose;
    this.thread = Thread.currentThread();
  }

  public String owner() {
    return owner;
  }

  /** What closing released (empty before close or without releaseOnClose). */
  public LeakReport leakReport() {
    return leakReport == null ? LeakReport.of("owner " + owner, java.util.List.of()) : leakReport;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() == thread) {
      manager.setCurrentOwner(previousOwner);
    }
    if (releaseOnClose) {
      leakReport = manager.releaseOwner(owner);
    }
  }
}
