package org.noodlevision.benchmarks;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.noodlevision.audio.bench.BenchMain;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryPolicy;

/**
 * Interleaved A/B of the feature pipeline on the heap and with a BALANCED MemoryManager (outputs staged in pool
 * tensors), on the same 60 s clip in one JVM: each round times both (alternating which goes first) and the report
 * gives the medians and the per-round pooled/heap ratio (median and quartiles), which resists a noisy shared
 * machine better than separate JMH runs. Usage: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp ...
 * org.noodlevision.benchmarks.PooledPipelineComparison [rounds]}.
 */
public final class PooledPipelineComparison {
  private PooledPipelineComparison() {}

  public static void main(String[] a) {
    int rounds = a.length > 0 ? Integer.parseInt(a[0]) : 40;
    float[] y = BenchMain.syntheticSignal(60 * 22050, 22050);
    FeatureParams p = FeatureParams.defaults();
    MemoryManager mm = new MemoryManager(MemoryPolicy.BALANCED);
    Map<String, Set<Feature>> sets = new LinkedHashMap<>();
    sets.put("allFive", EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM, Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA));
    sets.put("mfcc", EnumSet.of(Feature.MFCC));
    for (Map.Entry<String, Set<Feature>> e : sets.entrySet()) {
      FeaturePipeline heap = new FeaturePipeline(p, e.getValue());
      FeaturePipeline pooled = new FeaturePipeline(p, e.getValue(), mm);
      for (int i = 0; i < 8; i++) { heap.compute(y, 22050); pooled.compute(y, 22050); }
      double[] th = new double[rounds], tp = new double[rounds], r = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        long t0, t1, t2;
        if (i % 2 == 0) {
          t0 = System.nanoTime(); heap.compute(y, 22050); t1 = System.nanoTime(); pooled.compute(y, 22050); t2 = System.nanoTime();
          th[i] = (t1 - t0) / 1e6; tp[i] = (t2 - t1) / 1e6;
        } else {
          t0 = System.nanoTime(); pooled.compute(y, 22050); t1 = System.nanoTime(); heap.compute(y, 22050); t2 = System.nanoTime();
          tp[i] = (t1 - t0) / 1e6; th[i] = (t2 - t1) / 1e6;
        }
        r[i] = tp[i] / th[i];
      }
      Arrays.sort(th); Arrays.sort(tp); Arrays.sort(r);
      System.out.printf(Locale.ROOT, "%-8s heap median %.1f ms (min %.1f), pooled median %.1f ms (min %.1f), pooled/heap per-round ratio median %.3f [p25 %.3f, p75 %.3f], n=%d%n",
          e.getKey(), th[rounds / 2], th[0], tp[rounds / 2], tp[0], r[rounds / 2], r[rounds / 4], r[3 * rounds / 4], rounds);
    }
    System.out.println("pool allocations " + mm.getStatistics().allocationsCount() + ", heap fallbacks " + mm.heapFallbackCount() + ", live bytes " + mm.getStatistics().liveBytes());
    mm.close();
  }
}
