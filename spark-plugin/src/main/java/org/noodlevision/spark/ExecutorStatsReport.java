package org.noodlevision.spark;

import java.io.Serializable;

/**
 * What an executor sends to the driver plugin (through {@code PluginContext.send}) every report interval and when a
 * task ends: a snapshot of its MemoryManager. Sizes in bytes;
 * {@code pluginInits} counts executor plugin initialisations in the executor's JVM (1 when all is well).
 */
record ExecutorStatsReport(String executorId, long sentAtMillis, boolean lastReport,
    long cpuUsedBytes, long cpuMaxBytes, long cpuPeakBytes,
    long gpuUsedBytes, long gpuMaxBytes, long gpuPeakBytes,
    long allocations, long cacheHits, long cacheMisses, long cacheEvictions,
    long leakedAllocations, long leakedBytes, long tasksFinished, long pluginInits) implements Serializable {
  private static final long serialVersionUID = 1L;
}
