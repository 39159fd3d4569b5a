package org.noodlevision.spark.reliability;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.Tensor;

/**
 * What an executor task of the reliability tests does per file: MFCC and chroma (estimated tuning) through the
 * streaming pipeline, then the outputs staged in a pool tensor (waiting a bounded time for pool memory and
 * falling back to the heap result when the pool stays exhausted), as the compute path stages rows for Arrow.
 */
final class ClipFeatures {
  static final EnumSet<Feature> FEATURES = EnumSet.of(Feature.MFCC, Feature.CHROMA);

  private ClipFeatures() {
  }

  static FeaturePipeline pipeline() {
    return new FeaturePipeline(FeatureParams.defaults(), FEATURES);
  }

  /** One row's summary: {@code frames,mfccBins,chromaBins,pooled(0/1),checksum}. */
  static String compute(FeaturePipeline pipeline, MemoryManager manager, Path file) {
    FeatureResult r = pipeline.compute(() -> AudioDecoders.open(file));
    FeatureMatrix mfcc = r.get(Feature.MFCC);
    FeatureMatrix chroma = r.get(Feature.CHROMA);
    long n = (long) mfcc.data().length + chroma.data().length;
    double heapSum = sum(mfcc.data()) + sum(chroma.data());
    boolean pooled = false;
    Optional<Tensor> staged = manager.allocateTensorWaiting(new long[] {n}, DType.FLOAT32, false, 5,
        TimeUnit.SECONDS);
    if (staged.isPresent()) {
      try (Tensor t = staged.get()) {
        long i = 0;
        for (float v : mfcc.data()) {
          t.setFloat(i++, v);
        }
        for (float v : chroma.data()) {
          t.setFloat(i++, v);
        }
        i = 0;
        for (float[] part : new float[][] {mfcc.data(), chroma.data()}) {
          for (float v : part) {
            if (Float.compare(t.getFloat(i++), v) != 0) {
              throw new IllegalStateException("staged copy differs at " + (i - 1) + " for " + file);
            }
          }
        }
        pooled = true;
      }
    }
    return r.numFrames() + "," + mfcc.numBins() + "," + chroma.numBins() + "," + (pooled ? 1 : 0) + ","
        + (float) heapSum;
  }

  private static double sum(float[] x) {
    double s = 0;
    for (float v : x) {
      s += v;
    }
    return s;
  }
}
