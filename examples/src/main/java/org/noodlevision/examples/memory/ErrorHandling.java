package org.noodlevision.examples.memory;

import java.util.Optional;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.Tensor;

/**
 * The seed's "Error Handling" example. With the default 512 MiB CPU pool the 400 MB tensor fits; pass
 * {@code --cpu-max-size-mb 256} to see the fallback path.
 */
public final class ErrorHandling {
  private ErrorHandling() {}

  public static void main(String[] args) {
    MemoryManagerConfig.Builder config = MemoryManagerConfig.builder().policy(MemoryPolicy.BALANCED);
    if (args.length == 2 && args[0].equals("--cpu-max-size-mb")) {
      config.cpuMaxSize(Long.parseLong(args[1]) << 20);
    }
    try (MemoryManager manager = new MemoryManager(config.build())) {
      long[] largeShape = {10000, 10000};
      Optional<Tensor> tensor = manager.allocateTensor(largeShape, DType.FLOAT32);
      if (tensor.isPresent()) {
        System.out.println("Allocation successful");
      } else {
        System.out.println("Allocation failed - trying smaller size");
        long[] smallShape = {1024, 1024};
        tensor = manager.allocateTensor(smallShape, DType.FLOAT32);
        if (tensor.isPresent()) {
          System.out.println("Fallback allocation successful");
        }
      }
      tensor.ifPresent(Tensor::close);
    } catch (NoodleVisionException e) {
      System.out.println("Memory allocation error: " + e.getMessage());
    }
  }
}
