package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.ops.AudioOperator;
import org.noodlevision.audio.ops.ChromaOperator;
import org.noodlevision.audio.ops.MfccOperator;
import org.noodlevision.audio.ops.SpectrogramOperator;

/** The seed API's usage examples, translated one to one, with their outcomes checked. */
class SeedExamplesTest {

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) r.nextGaussian() * 0.1f;
    }
    return a;
  }

  private static long[] shapeOf(FeatureMatrix m) {
    return new long[] {m.numFrames(), m.numBins()};
  }

  @SuppressWarnings("unchecked")
  private static double nested(Map<String, Object> m, String outer, String inner) {
    return ((Number) ((Map<String, Object>) m.get(outer)).get(inner)).doubleValue();
  }

  @Test
  void basicMemoryManagement_storesEveryFeatureAndReturnsToZero() {
    MemoryManager manager = new MemoryManager(MemoryPolicy.BALANCED);
    float[] audio = noise(22050 * 30, 1);
    Map<String, Supplier<FeatureMatrix>> operators = new LinkedHashMap<>();
    operators.put("spectrogram", () -> new SpectrogramOperator().apply(audio));
    operators.put("mfcc", () -> new MfccOperator(13).apply(audio));
    operators.put("chroma", () -> new ChromaOperator().apply(audio));

    Map<String, Tensor> results = new LinkedHashMap<>();
    Map<String, float[]> expected = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<FeatureMatrix>> op : operators.entrySet()) {
      FeatureMatrix features = op.getValue().get();
      Optional<Tensor> memory = manager.allocateTensor(shapeOf(features), DType.FLOAT32);
      if (memory.isPresent()) {
        memory.get().copyFrom(features.data());
        results.put(op.getKey(), memory.get());
        expected.put(op.getKey(), features.data());
      }
    }
    assertEquals(3, results.size());
    assertEquals(13, results.get("mfcc").shape()[1]);
    assertEquals(1025, results.get("spectrogram").shape()[1]);
    assertEquals(12, results.get("chroma").shape()[1]);
    for (String name : results.keySet()) {
      assertArrayEquals(expected.get(name), results.get(name).toFloatArray(), name);
    }

    MemoryStatistics stats = manager.getStatistics();
    Map<String, Object> dict = stats.toMap();
    long liveBytes = results.values().stream().mapToLong(Tensor::byteSize).sum();
    assertEquals(liveBytes, stats.liveBytes());
    // on a GPU machine BALANCED puts the tensors on the GPU, elsewhere on the CPU
    assertTrue(nested(dict, "cpu_pool", "usage_percentage") + nested(dict, "gpu_pool", "usage_percentage") > 0.0);
    assertTrue(stats.cpuPool().currentUsage() + stats.gpuPool().currentUsage() >= liveBytes);
    assertEquals(0.0, nested(dict, "cache_stats", "cache_efficiency"));
    System.out.printf("CPU usage: %.1f%%%n", nested(dict, "cpu_pool", "usage_percentage"));
    System.out.printf("GPU usage: %.1f%%%n", nested(dict, "gpu_pool", "usage_percentage"));
    System.out.printf("Cache efficiency: %.2f%n", nested(dict, "cache_stats", "cache_efficiency"));

    for (Tensor tensor : results.values()) {
      manager.freeTensor(tensor);
    }
    manager.cleanup();
    assertEquals(0, manager.getStatistics().cpuPool().currentUsage());
    assertEquals(0, manager.getStatistics().gpuPool().currentUsage());
    assertEquals(0, manager.cpuMemoryPool().arrowAllocatedBytes());
    assertTrue(manager.shutdown().isEmpty());
  }

  @Test
  void advancedMemoryPoolUsage_tenBlocksOf16MiB() {
    try (CpuMemoryPool pool = new CpuMemoryPool(256L * 1024 * 1024)) {
      List<MemoryBlock> blocks = new ArrayList<>();
      Random rnd = new Random(2);
      for (int i = 0; i < 10; i++) {
        long size = 16L * 1024 * 1024;
        Optional<MemoryBlock> block = pool.allocate(size);
        if (block.isPresent()) {
          ByteBuffer data = block.get().data();
          while (data.remaining() >= 8) {
            data.putLong(rnd.nextLong());
          }
          blocks.add(block.get());
        }
      }
      assertEquals(10, blocks.size());
      for (MemoryBlock block : blocks) {
        assertEquals(16L << 20, block.size());
        assertTrue(block.inUse());
      }
      assertEquals(160L << 20, pool.getUsage().currentUsage());
      for (MemoryBlock block : blocks) {
        pool.free(block);
        assertFalse(block.inUse());
      }
      MemoryStats stats = pool.getStats();
      assertEquals(160L << 20, stats.totalAllocated());
      assertEquals(160L << 20, stats.peakUsage());
      assertEquals(0, stats.currentUsage());
      assertEquals(160L << 20, nested(Map.of("s", stats.toMap()), "s", "total_allocated"), 0.0);
      // freed blocks are kept for reuse: the next ten allocations need no new memory
      for (int i = 0; i < 10; i++) {
        pool.free(pool.allocate(16L << 20).orElseThrow());
      }
      assertEquals(10, pool.getStats().reuseCount());
    }
  }

  @Test
  void tensorCacheUsage_3Misses57HitsEfficiency095() {
    TensorCache cache = new TensorCache(50, EvictionPolicy.LRU);
    MemoryManager manager = new MemoryManager(MemoryPolicy.AGGRESSIVE_REUSE);
    long[][] commonShapes = {{128, 128}, {256, 256}, {512, 512}};
    Random rnd = new Random(3);
    List<Tensor> computed = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      for (long[] shape : commonShapes) {
        Optional<Tensor> tensor = cache.get(shape, DType.FLOAT32);
        if (tensor.isEmpty()) {
          tensor = manager.allocateTensor(shape, DType.FLOAT32);
          if (tensor.isPresent()) {
            float[] values = new float[(int) tensor.get().size()];
            for (int k = 0; k < values.length; k++) {
              values[k] = rnd.nextFloat();
            }
            tensor.get().copyFrom(values);
            cache.add(tensor.get().copy());
            computed.add(tensor.get());
          }
        } else {
          assertTrue(tensor.get().isLive());
        }
      }
    }
    CacheStats stats = cache.getStats();
    assertEquals(57, stats.hits());
    assertEquals(3, stats.misses());
    assertEquals(0.95, stats.cacheEfficiency(), 1e-12);
    assertEquals(0.95, (double) stats.toMap().get("cache_efficiency"), 1e-12);
    assertEquals(3, cache.size());
    // the cached copies hold the computed contents
    for (Tensor original : computed) {
      assertArrayEquals(original.toFloatArray(), cache.get(original.shape(), DType.FLOAT32).get().toFloatArray());
    }
    // the seed never frees the manager's originals: the manager reports them as leaks when it is closed
    cache.clear();
    LeakReport leaks = manager.shutdown();
    assertEquals(3, leaks.count());
    assertEquals((128 * 128 + 256 * 256 + 512 * 512) * 4L, leaks.bytes());
  }

  @Test
  void memoryPolicyComparison_everyPolicyAllocates100AndReusesAsItsTableSays() {
    long[] testShape = {1024, 1024};
    Map<String, double[]> results = new LinkedHashMap<>();
    for (MemoryPolicy policy : MemoryPolicy.values()) {
      MemoryManager manager = new MemoryManager(policy);
      long start = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        Optional<Tensor> tensor = manager.allocateTensor(testShape, DType.FLOAT64);
        tensor.ifPresent(manager::freeTensor);
      }
      double allocationTime = (System.nanoTime() - start) / 1e9;
      MemoryStatistics stats = manager.getStatistics();
      results.put(policy.value(), new double[] {allocationTime, stats.cacheStats().cacheEfficiency(),
          stats.allocationsCount()});
      manager.cleanup();
      assertEquals(0, manager.getStatistics().cpuPool().currentUsage());
      manager.close();
    }
    System.out.println("Policy Performance Comparison:");
    results.forEach((policy, m) -> System.out.printf("%s:%n  Allocation time: %.4fs%n  Cache efficiency: %.2f%n"
        + "  Allocations: %d%n", policy, m[0], m[1], (long) m[2]));
    for (double[] m : results.values()) {
      assertEquals(100, (long) m[2]);
    }
    assertEquals(0.0, results.get("conservative")[1]);
    for (String p : new String[] {"balanced", "aggressive_reuse", "quality_first", "latency_first"}) {
      assertEquals(0.99, results.get(p)[1], 1e-12, p);
    }
  }

  @Test
  void errorHandling_largeRequestFailsCleanlyAndSmallerFallbackSucceeds() {
    // A 400 MB request against a 256 MiB pool: empty, not an exception; the smaller fallback succeeds.
    MemoryManager manager = new MemoryManager(MemoryManagerConfig.builder().policy(MemoryPolicy.BALANCED)
        .cpuMaxSize(256L << 20).gpuMode(GpuMode.OFF).build());
    String outcome;
    Optional<Tensor> tensor = manager.allocateTensor(new long[] {10000, 10000}, DType.FLOAT32);
    if (tensor.isPresent()) {
      outcome = "Allocation successful";
    } else {
      tensor = manager.allocateTensor(new long[] {1024, 1024}, DType.FLOAT32);
      outcome = tensor.isPresent() ? "Fallback allocation successful" : "Fallback failed";
    }
    assertEquals("Fallback allocation successful", outcome);
    assertEquals(1, manager.getStatistics().allocationFailures());
    tensor.get().close();
    assertTrue(manager.shutdown().isEmpty());

    // With the default 512 MiB pool the large request itself is served.
    try (MemoryManager roomy = new MemoryManager(MemoryPolicy.BALANCED)) {
      Optional<Tensor> big = roomy.allocateTensor(new long[] {10000, 10000}, DType.FLOAT32);
      assertTrue(big.isPresent());
      big.get().setFloat(99_999_999L, 1.5f);
      assertEquals(1.5f, big.get().getFloat(99_999_999L));
      big.get().close();
    }
  }

  /** The seed's AudioProcessor class. */
  static final class AudioProcessor {
    final MemoryManager manager;
    final Map<String, AudioOperator> operators = new LinkedHashMap<>();

    AudioProcessor(MemoryPolicy policy) {
      manager = new MemoryManager(policy);
      operators.put("spectrogram", new SpectrogramOperator());
      operators.put("mfcc", new MfccOperator(13));
      operators.put("chroma", new ChromaOperator());
    }

    Map<String, Tensor> processAudio(float[] audio) {
      Map<String, Tensor> results = new LinkedHashMap<>();
      for (Map.Entry<String, AudioOperator> op : operators.entrySet()) {
        FeatureMatrix features = op.getValue().apply(audio);
        Optional<Tensor> memory = manager.allocateTensor(shapeOf(features), DType.FLOAT32);
        if (memory.isPresent()) {
          memory.get().copyFrom(features.data());
          results.put(op.getKey(), memory.get());
        }
      }
      return results;
    }

    void cleanup() {
      manager.cleanup();
    }
  }

  @Test
  void integrationWithAudioOperators_processesSixtySecondsIntoManagedTensors() {
    AudioProcessor processor = new AudioProcessor(MemoryPolicy.AGGRESSIVE_REUSE);
    float[] audio = noise(22050 * 60, 4);
    Map<String, Tensor> results = processor.processAudio(audio);
    assertEquals(List.of("spectrogram", "mfcc", "chroma"), new ArrayList<>(results.keySet()));
    int frames = 1 + audio.length / 512;
    for (Tensor t : results.values()) {
      assertEquals(frames, t.shape()[0]);
    }
    float[] mfcc = new MfccOperator(13).apply(audio).data();
    assertArrayEquals(mfcc, results.get("mfcc").toFloatArray());
    // second pass with the results freed: the recycling cache serves the same shapes
    results.values().forEach(Tensor::close);
    Map<String, Tensor> again = processor.processAudio(audio);
    assertEquals(3, processor.manager.getStatistics().cacheStats().hits());
    again.values().forEach(Tensor::close);
    processor.cleanup();
    assertEquals(0, processor.manager.getStatistics().cpuPool().currentUsage());
    assertTrue(processor.manager.shutdown().isEmpty());
  }
}
