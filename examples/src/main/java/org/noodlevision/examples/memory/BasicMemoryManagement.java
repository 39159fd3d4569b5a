package org.noodlevision.examples.memory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.ops.ChromaOperator;
import org.noodlevision.audio.ops.MfccOperator;
import org.noodlevision.audio.ops.SpectrogramOperator;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.Tensor;

/** The seed's "Basic Memory Management" example: features of 30 s of noise stored in managed tensors. */
public final class BasicMemoryManagement {
  private BasicMemoryManagement() {}

  public static void main(String[] args) {
    MemoryManager manager = new MemoryManager(MemoryPolicy.BALANCED);

    Random random = new Random(0);
    float[] audio = new float[22050 * 30]; // 30 seconds
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (float) random.nextGaussian();
    }

    Map<String, Supplier<FeatureMatrix>> operators = new LinkedHashMap<>();
    operators.put("spectrogram", () -> new SpectrogramOperator().apply(audio));
    operators.put("mfcc", () -> new MfccOperator(13).apply(audio));
    operators.put("chroma", () -> new ChromaOperator().apply(audio));

    Map<String, Tensor> results = new LinkedHashMap<>();
    for (Map.Entry<String, Supplier<FeatureMatrix>> operator : operators.entrySet()) {
      FeatureMatrix features = operator.getValue().get();
      long[] shape = {features.numFrames(), features.numBins()};
      Optional<Tensor> memory = manager.allocateTensor(shape, DType.FLOAT32);
      if (memory.isPresent()) {
        memory.get().copyFrom(features.data());
        results.put(operator.getKey(), memory.get());
      }
    }

    MemoryStatistics stats = manager.getStatistics();
    System.out.printf("CPU usage: %.1f%%%n", stats.cpuPool().usagePercentage());
    System.out.printf("GPU usage: %.1f%%%n", stats.gpuPool().usagePercentage());
    System.out.printf("Cache efficiency: %.2f%n", stats.cacheStats().cacheEfficiency());

    for (Tensor tensor : results.values()) {
      manager.freeTensor(tensor);
    }
    manager.cleanup();
    manager.close();
  }
}
