package org.noodlevision.memory;

import java.util.List;

/**
 * Tensors still allocated when an owner ({@link MemoryManager#releaseOwner}) or the manager
 * ({@link MemoryManager#shutdown}) was released; they have been freed. Allocation sites are present when the
 * manager was built with {@code debugAllocationSites}.
 *
 * @param scope what was released, e.g. {@code "owner task-17"} or {@code "memory manager"}
 * @param count number of leaked tensors
 * @param bytes their bytes
 */
public record LeakReport(String scope, int count, long bytes, List<LeakedAllocation> allocations) {

  static LeakReport of(String scope, List<LeakedAllocation> allocations) {
    long bytes = 0;
    for (LeakedAllocation a : allocations) {
      bytes += a.bytes();
    }
    return new LeakReport(scope, allocations.size(), bytes, List.copyOf(allocations));
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** One line: {@code "3 tensors (12582912 bytes) leaked by owner task-17"}. */
  public String summary() {
    return count + " tensor" + (count == 1 ? "" : "s") + " (" + bytes + " bytes) leaked by " + scope;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(summary());
    for (LeakedAllocation a : allocations) {
      sb.append("\n  ").append(a);
    }
    return sb.toString();
  }
}
