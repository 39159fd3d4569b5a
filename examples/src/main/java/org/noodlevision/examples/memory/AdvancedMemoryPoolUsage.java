package org.noodlevision.examples.memory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.noodlevision.memory.CpuMemoryPool;
import org.noodlevision.memory.MemoryBlock;
import org.noodlevision.memory.MemoryStats;

/** The seed's "Advanced Memory Pool Usage" example: ten 16 MiB blocks from a 256 MiB CPU pool. */
public final class AdvancedMemoryPoolUsage {
  private AdvancedMemoryPoolUsage() {}

  public static void main(String[] args) {
    try (CpuMemoryPool pool = new CpuMemoryPool(256L * 1024 * 1024)) { // 256MB
      List<MemoryBlock> blocks = new ArrayList<>();
      Random random = new Random(0);
      for (int i = 0; i < 10; i++) {
        long size = 16L * 1024 * 1024; // 16MB
        Optional<MemoryBlock> block = pool.allocate(size);
        if (block.isPresent()) {
          ByteBuffer data = block.get().data(); // a CPU block always has data: no need to simulate it
          while (data.remaining() >= 8) {
            data.putDouble(random.nextDouble());
          }
          blocks.add(block.get());
        }
      }

      for (MemoryBlock block : blocks) {
        System.out.println("Block size: " + block.size() + " bytes");
        System.out.println("Block in use: " + block.inUse());
      }

      for (MemoryBlock block : blocks) {
        pool.free(block);
      }

      MemoryStats stats = pool.getStats();
      System.out.println("Total allocated: " + stats.totalAllocated() + " bytes");
      System.out.println("Peak usage: " + stats.peakUsage() + " bytes");
    }
  }
}
