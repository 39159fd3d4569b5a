package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.Tensor;

class TaskMemoryTrackerTest {

  @Test
  void taskEnd_freesWhatTheTaskLeft_andCountsIt() {
    try (MemoryManager manager = new MemoryManager(
        MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).cpuMaxSize(64L << 20).build())) {
      TaskMemoryTracker tracker = new TaskMemoryTracker(manager);
      tracker.taskStarted(41);
      Tensor freed = manager.allocateTensorOrThrow(new long[] {256}, DType.FLOAT32, false);
      manager.freeTensor(freed);
      manager.allocateTensorOrThrow(new long[] {1024}, DType.FLOAT32, false); // leaked
      manager.allocateTensorOrThrow(new long[] {8, 8}, DType.FLOAT64, false); // leaked
      assertEquals(2, manager.getStatistics().liveTensors());

      LeakReport leaks = tracker.taskEnded(41, "failed");

      assertEquals(2, leaks.count());
      assertEquals(4096 + 512, leaks.bytes());
      assertTrue(leaks.scope().contains("task-41"), leaks.scope());
      assertEquals(0, manager.getStatistics().liveTensors());
      assertEquals(2, tracker.leakedAllocations());
      assertEquals(4096 + 512, tracker.leakedBytes());
      assertEquals(1, tracker.tasksFinished());
    }
  }

  @Test
  void cleanTask_reportsNoLeak_andLeavesOtherOwnersAlone() {
    try (MemoryManager manager = new MemoryManager(
        MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).cpuMaxSize(64L << 20).build())) {
      Tensor outside = manager.allocateTensorOrThrow(new long[] {100}, DType.FLOAT32, false);
      TaskMemoryTracker tracker = new TaskMemoryTracker(manager);
      tracker.taskStarted(7);
      try (Tensor t = manager.allocateTensorOrThrow(new long[] {100}, DType.FLOAT32, false)) {
        t.setFloat(0, 1f);
      }
      LeakReport leaks = tracker.taskEnded(7, "succeeded");
      assertTrue(leaks.isEmpty(), leaks.toString());
      assertEquals(1, manager.getStatistics().liveTensors(), "the tensor allocated outside the task stays");
      assertEquals(0, tracker.leakedAllocations());
      manager.freeTensor(outside);
    }
  }
}
