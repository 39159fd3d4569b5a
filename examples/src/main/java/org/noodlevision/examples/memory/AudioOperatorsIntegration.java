package org.noodlevision.examples.memory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.ops.AudioOperator;
import org.noodlevision.audio.ops.ChromaOperator;
import org.noodlevision.audio.ops.MfccOperator;
import org.noodlevision.audio.ops.SpectrogramOperator;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryPolicy;
import org.noodlevision.memory.Tensor;

/** The seed's "Integration with Audio Operators" example: an AudioProcessor storing features in managed tensors. */
public final class AudioOperatorsIntegration {
  private AudioOperatorsIntegration() {}

  /** The seed's AudioProcessor. */
  public static final class AudioProcessor implements AutoCloseable {
    private final MemoryManager manager;
    private final Map<String, AudioOperator> operators = new LinkedHashMap<>();

    public AudioProcessor(MemoryPolicy policy) {
      manager = new MemoryManager(policy);
      operators.put("spectrogram", new SpectrogramOperator());
      operators.put("mfcc", new MfccOperator(13));
      operators.put("chroma", new ChromaOperator());
    }

    /** Process audio with memory management; the caller frees the returned tensors. */
    public Map<String, Tensor> processAudio(float[] audio) {
      Map<String, Tensor> results = new LinkedHashMap<>();
      for (Map.Entry<String, AudioOperator> operator : operators.entrySet()) {
        FeatureMatrix features = operator.getValue().apply(audio);
        Optional<Tensor> memory = manager.allocateTensor(
            new long[] {features.numFrames(), features.numBins()}, DType.FLOAT32);
        if (memory.isPresent()) {
          memory.get().copyFrom(features.data());
          results.put(operator.getKey(), memory.get());
        }
      }
      return results;
    }

    public void cleanup() {
      manager.cleanup();
    }

    @Override
    public void close() {
      manager.close();
    }
  }

  public static void main(String[] args) {
    try (AudioProcessor processor = new AudioProcessor(MemoryPolicy.AGGRESSIVE_REUSE)) {
      Random random = new Random(0);
      float[] audio = new float[22050 * 60]; // 60 seconds
      for (int i = 0; i < audio.length; i++) {
        audio[i] = (float) random.nextGaussian();
      }
      Map<String, Tensor> results = processor.processAudio(audio);
      for (Map.Entry<String, Tensor> e : results.entrySet()) {
        System.out.println(e.getKey() + ": " + Arrays.toString(e.getValue().shape()) + " on "
            + e.getValue().device());
      }
      results.values().forEach(Tensor::close);
      processor.cleanup();
    }
  }
}
