package org.noodlevision.audio.features;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryAlreadyFreedException;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.Tensor;

/**
 * Where a {@link PipelineRun} takes its clip-sized buffers (the output matrices and the rows kept for MFCC): the
 * Java heap, or CPU tensors of a {@link MemoryManager}'s pool, attributed to the allocating thread's current owner.
 *
 * <p>When the pool cannot serve a request, {@link MemoryManager#allocateTensorWaiting} waits up to {@value #WAIT_MS} ms
 * for another task to return memory (not at all when the request exceeds the whole pool), then the buffer falls back
 * to the heap and the fallback is counted
 * ({@link MemoryManager#recordHeapFallback(long)}): the computation never fails for want of pool memory.
 */
final class StagingMemory {
  static final StagingMemory HEAP = new StagingMemory(null);
  static final long WAIT_MS = 15;

  private final MemoryManager manager;

  StagingMemory(MemoryManager manager) {
    this.manager = manager;
  }

  boolean pooled() {
    return manager != null;
  }

  /**
   * A live CPU tensor of {@code elements} values of {@code dtype}, or null: the caller uses the heap (the pool
   * stayed full, the buffer exceeds one ByteBuffer, or the manager is closed; counted except for the heap mode).
   */
  Tensor allocate(long elements, DType dtype) {
    if (manager == null) {
      return null;
    }
    long bytes = elements * dtype.byteSize();
    if (bytes > Integer.MAX_VALUE || manager.isClosed()) {
      return fallback(bytes);
    }
    try {
      Optional<Tensor> t = manager.allocateTensorWaiting(new long[] {elements}, dtype, false, WAIT_MS,
          TimeUnit.MILLISECONDS);
      return t.isPresent() ? t.get() : fallback(bytes);
    } catch (IllegalStateException closedMeanwhile) {
      return fallback(bytes);
    }
  }

  private Tensor fallback(long bytes) {
    if (!manager.isClosed()) {
      manager.recordHeapFallback(bytes);
    }
    return null;
  }

  /** Frees {@code t} unless null or already freed (e.g. by the owner's release at a task's end). */
  static void free(Tensor t) {
    if (t != null && t.isLive()) {
      try {
        t.close();
      } catch (MemoryAlreadyFreedException freedConcurrently) {
        // released by its owner's scope or by the manager's shutdown: nothing left to free
      }
    }
  }
}
