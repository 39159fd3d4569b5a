package org.noodlevision.examples.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;

/**
 * The seed's "Memory Policy Comparison": 100 allocate + free of a (1024, 1024) float64 tensor per policy. The JMH
 * version is {@code org.noodlevision.benchmarks.memory.MemoryPolicyComparisonBenchmark}.
 */
public final class MemoryPolicyComparison {
  private MemoryPolicyComparison() {}

  public static void main(String[] args) {
    long[] testShape = {1024, 1024};
    DType dtype = DType.FLOAT64; // np.random.rand's dtype

    Map<String, Object[]> results = new LinkedHashMap<>();
    for (MemoryPolicy policy : MemoryPolicy.values()) {
      MemoryManager manager = new MemoryManager(policy);
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        Optional<Tensor> tensor = manager.allocateTensor(testShape, dtype);
        tensor.ifPresent(manager::freeTensor);
      }
      double allocationTime = (System.nanoTime() - start) / 1e9;
      MemoryStatistics stats = manager.getStatistics();
      results.put(policy.value(), new Object[] {allocationTime, stats.cacheStats().cacheEfficiency(),
          stats.allocationsCount()});
      manager.cleanup();
      manager.close();
    }

    System.out.println("Policy Performance Comparison:");
    for (Map.Entry<String, Object[]> e : results.entrySet()) {
      System.out.println(e.getKey() + ":");
      System.out.printf("  Allocation time: %.4fs%n", (double) e.getValue()[0]);
      System.out.printf("  Cache efficiency: %.2f%n", (double) e.getValue()[1]);
      System.out.println("  Allocations: " + e.getValue()[2]);
    }
  }
}
