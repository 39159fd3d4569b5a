package org.noodlevision.memory;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** The process-wide Arrow root allocator the pools hang their child allocators from, created on first use. */
final class ArrowRoot {
  private ArrowRoot() {}

  private static final class Holder {
    static final BufferAllocator ROOT = new RootAllocator(Long.MAX_VALUE);
  }

  static BufferAllocator get() {
    return Holder.ROOT;
  }
}
