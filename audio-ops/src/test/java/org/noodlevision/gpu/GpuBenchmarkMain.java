package org.noodlevision.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Issue 6's speed benchmark on a GPU machine: one hour of 22.05 kHz audio as 360 clips x 10 s, results back in
 * host memory. {@code java -cp ... org.noodlevision.gpu.GpuBenchmarkMain [repeats]}. Prints median wall times of
 * MFCC and of the five default features, from pinned memory and from Java float arrays, and per-stage device times.
 * Not a test: no timing is asserted anywhere.
 */
public final class GpuBenchmarkMain {
  private static final int CLIPS = 360;
  private static final int SR = 22050;
  private static final int CLIP_SAMPLES = 10 * SR;

  private GpuBenchmarkMain() {}

  public static void main(String[] args) {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    GpuBackend.Probe probe = GpuBackend.probe();
    System.out.println("probe: " + probe);
    if (!probe.available()) {
      System.exit(2);
    }
    List<float[]> clips = syntheticClips();
    Set<Feature> mfcc = EnumSet.of(Feature.MFCC);
    Set<Feature> five = EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM, Feature.LOG_MEL_SPECTROGRAM,
        Feature.MFCC, Feature.CHROMA);
    FeatureParams p = FeatureParams.defaults();
    try (PinnedSamples pinned = PinnedSamples.allocate((long) CLIPS * CLIP_SAMPLES)) {
      clips.forEach(pinned::addClip);
      for (GpuSettings s : new GpuSettings[] {GpuSettings.defaults(), new GpuSettings(16384, 4, 0, false),
          new GpuSettings(8192, 8, 0, true), new GpuSettings(32768, 3, 0, true)}) {
        String tag = String.format(Locale.ROOT, "[%d frames/launch, %d streams, %s fft]", s.maxFramesPerLaunch(),
            s.streams(), s.float64Fft() ? "f64" : "f32");
        try (GpuFeatureExtractor x = GpuFeatureExtractor.create(p, mfcc, s)) {
          report("mfcc, pinned in -> pinned out " + tag, repeats, () -> x.computeToHost(pinned, SR));
          report("mfcc, float[] in -> pinned out " + tag, repeats, () -> x.computeToHost(clips, SR));
          report("mfcc, float[] in -> FeatureResult float[] out " + tag, Math.max(3, repeats / 4),
              () -> x.computeBatch(clips, SR));
        }
        try (GpuFeatureExtractor x = GpuFeatureExtractor.create(p, five, s)) {
          report("five default features, pinned in -> pinned out " + tag, repeats, () -> x.computeToHost(pinned, SR));
          report("five default features, float[] in -> pinned out " + tag, repeats, () -> x.computeToHost(clips, SR));
        }
      }
      for (Set<Feature> fs : List.of(mfcc, five)) {
        try (GpuFeatureExtractor x = GpuFeatureExtractor.create(p, fs, new GpuSettings(16384, 1, 0))) {
          x.computeToHost(pinned, SR);
          x.setProfile(true);
          int runs = 5;
          for (int i = 0; i < runs; i++) {
            x.computeToHost(pinned, SR);
          }
          double[] ms = x.stageMillis();
          StringBuilder sb = new StringBuilder("stages (1 stream, no overlap, mean of " + runs + ") " + fs + ":");
          String[] names = GpuFeatureExtractor.stageNames();
          double total = 0;
          for (int i = 0; i < ms.length; i++) {
            sb.append(String.format(Locale.ROOT, " %s=%.3f ms", names[i], ms[i] / runs));
            total += ms[i] / runs;
          }
          System.out.println(sb.append(String.format(Locale.ROOT, " sum=%.3f ms", total)));
        }
      }
    }
  }

  private static void report(String name, int repeats, Runnable r) {
    for (int i = 0; i < 3; i++) {
      r.run();
    }
    double[] t = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(t);
    System.out.printf(Locale.ROOT, "%-80s median %8.3f ms  min %8.3f ms  (n=%d)%n", name, t[repeats / 2], t[0],
        repeats);
  }

  /** 360 x 10 s of tones plus noise, deterministic. */
  static List<float[]> syntheticClips() {
    Random rnd = new Random(42);
    List<float[]> clips = new ArrayList<>(CLIPS);
    for (int c = 0; c < CLIPS; c++) {
      float[] x = new float[CLIP_SAMPLES];
      double f1 = 110 + 800 * rnd.nextDouble();
      double f2 = 220 + 2000 * rnd.nextDouble();
      for (int i = 0; i < CLIP_SAMPLES; i++) {
        double t = (double) i / SR;
        x[i] = (float) (0.3 * Math.sin(2 * Math.PI * f1 * t) + 0.2 * Math.sin(2 * Math.PI * f2 * t)
            + 0.05 * rnd.nextGaussian());
      }
      clips.add(x);
    }
    return clips;
  }
}
