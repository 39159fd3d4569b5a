package org.noodlevision.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.EnumSet;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;

/**
 * Entry point of the forked JVM in {@link LongAudioMemoryBoundTest}: MFCC and chroma (estimated tuning) of one
 * file through the re-openable streaming pipeline. Prints one {@code RESULT key=value ...} line; exit code 0 on
 * success, 2 on any throwable (an OutOfMemoryError included), with the throwable printed.
 */
public final class LongAudioRun {
  private LongAudioRun() {
  }

  public static void main(String[] args) {
    try {
      Path file = Path.of(args[0]);
      long start = System.nanoTime();
      FeatureResult r;
      try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.MFCC,
          Feature.CHROMA))) {
        r = p.compute(() -> AudioDecoders.open(file));
      }
      FeatureMatrix mfcc = r.get(Feature.MFCC);
      FeatureMatrix chroma = r.get(Feature.CHROMA);
      long nonFinite = 0;
      for (FeatureMatrix m : new FeatureMatrix[] {mfcc, chroma}) {
        for (float v : m.data()) {
          if (!Float.isFinite(v)) {
            nonFinite++;
          }
        }
      }
      long heapPeak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          heapPeak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.println("RESULT frames=" + r.numFrames() + " mfccFrames=" + mfcc.numFrames() + " mfccBins="
          + mfcc.numBins() + " chromaFrames=" + chroma.numFrames() + " chromaBins=" + chroma.numBins()
          + " nonFinite=" + nonFinite + " tuning=" + r.tuning() + " seconds="
          + (System.nanoTime() - start) / 1_000_000_000L + " heapPeakBytes=" + heapPeak + " maxHeapBytes="
          + Runtime.getRuntime().maxMemory());
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      System.exit(2);
    }
  }
}
