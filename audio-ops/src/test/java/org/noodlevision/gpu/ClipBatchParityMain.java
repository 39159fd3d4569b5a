package org.noodlevision.gpu;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.noodlevision.audio.bench.BenchMain;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.memory.GpuMemoryPool;

/**
 * The Spark batch path's GPU side against its CPU side, on a GPU machine without Spark: {@link ClipBatchComputer}
 * with {@code gpu}, {@code auto} and {@code cpu} (the CPU side is the engine's {@link FeaturePipeline}, as the
 * Spark path's single compute point uses), results converted to the rows' {@code [frame][bin]} arrays as
 * {@code extract} writes them ({@code FeatureMatrix.toArray}), compared per feature with issue 2's tolerances
 * (relative to the CPU array's max|x|; log-mel absolute in dB). Runs on the reference audio (one batch per sample
 * rate), on one hour of synthetic 10 s clips (the benchmark batch), and with a tiny GPU pool that forces
 * out-of-memory splits and CPU fallbacks. Exit status 1 on any difference or a missing GPU.
 *
 * <pre>java -cp ... org.noodlevision.gpu.ClipBatchParityMain REF_AUDIO_DIR</pre>
 */
public final class ClipBatchParityMain {
  private static final String SETTING = "spark.noodlevision.backend";
  private static final Set<Feature> DEFAULT_FEATURES = EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
      Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA);
  private static int failures;
  private static int checks;

  private ClipBatchParityMain() {}

  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    GpuBackend.Probe probe = GpuBackend.probe();
    out.println("probe: " + probe);
    if (!probe.available()) {
      out.println("FAIL: no GPU");
      System.exit(1);
    }
    FeatureParams params = FeatureParams.defaults();
    Map<Integer, Map<String, float[]>> bySr = new TreeMap<>();
    try (var files = Files.list(Paths.get(args[0]))) {
      for (Path wav : files.sorted().toList()) {
        DecodedAudio a = AudioDecoders.decode(wav);
        bySr.computeIfAbsent(a.sampleRate(), k -> new LinkedHashMap<>()).put(wav.getFileName().toString(),
            a.samples());
      }
    }
    try (FeaturePipeline pipeline = new FeaturePipeline(params, DEFAULT_FEATURES);
         ClipBatchComputer cpu = computer("cpu", params, GpuSettings.defaults(), pipeline, null);
         ClipBatchComputer gpu = computer("gpu", params, GpuSettings.defaults(), pipeline, null);
         ClipBatchComputer auto = computer("auto", params, GpuSettings.defaults(), pipeline, null)) {
      out.println("== reference audio, one batch per sample rate, backend=gpu and auto vs cpu");
      for (Map.Entry<Integer, Map<String, float[]>> e : bySr.entrySet()) {
        List<float[]> clips = new ArrayList<>(e.getValue().values());
        List<String> names = new ArrayList<>(e.getValue().keySet());
        List<FeatureResult> want = cpu.compute(clips, e.getKey());
        compareAll("gpu", names, want, gpu.compute(clips, e.getKey()));
        List<FeatureResult> a = auto.compute(clips, e.getKey());
        out.printf(Locale.ROOT, "  sr %d: %d clips, %d samples; auto chose %s%n", e.getKey(), clips.size(),
            clips.stream().mapToLong(c -> c.length).sum(), auto.lastBackend());
        compareAll("auto", names, want, a);
      }
      out.println("  gpu counters: " + gpu.gpuCounters());

      out.println("== one hour: 360 clips x 10 s synthetic at 22050 Hz, backend=gpu vs cpu");
      List<float[]> hour = new ArrayList<>();
      float[] signal = BenchMain.syntheticSignal(70 * 22050, 22050);
      for (int c = 0; c < 360; c++) {
        int off = (c * 7919 * 13) % (60 * 22050);
        hour.add(java.util.Arrays.copyOfRange(signal, off, off + 10 * 22050));
      }
      gpu.compute(hour.subList(0, 8), 22050); // warm-up
      long t0 = System.nanoTime();
      List<FeatureResult> hourGpu = gpu.compute(hour, 22050);
      long t1 = System.nanoTime();
      List<FeatureResult> hourCpu = cpu.compute(hour, 22050);
      long t2 = System.nanoTime();
      out.printf(Locale.ROOT, "  gpu batch %.1f ms (results as Java arrays), cpu one thread %.1f ms, x%.1f%n",
          (t1 - t0) / 1e6, (t2 - t1) / 1e6, (double) (t2 - t1) / (t1 - t0));
      List<String> names = new ArrayList<>();
      for (int c = 0; c < hour.size(); c++) {
        names.add("hour clip " + c);
      }
      compareAll("gpu hour", names, hourCpu, hourGpu);

      out.println("== tiny GPU pool (4 MiB): out-of-memory -> split -> CPU fallback, same results");
      try (GpuMemoryPool tiny = new GpuMemoryPool(4L << 20);
           ClipBatchComputer small = computer("gpu", params, new GpuSettings(2048, 2, 0), pipeline, tiny)) {
        List<float[]> clips = hour.subList(0, 16);
        compareAll("tiny pool", names.subList(0, 16), hourCpu.subList(0, 16), small.compute(clips, 22050));
        GpuCounters c = small.gpuCounters();
        out.println("  counters: " + c);
        check(c.outOfMemoryEvents() > 0, "tiny pool: out-of-memory events counted");
        check(c.gpuClips() + c.cpuFallbackClips() == clips.size(), "tiny pool: every clip computed once");
      } catch (GpuUnavailableException e) {
        out.println("  tiny pool: extractor could not be created (" + e.getMessage() + ")");
      }
    }
    out.printf(Locale.ROOT, "%s: %d checks, %d failures%n", failures == 0 ? "PASS" : "FAIL", checks, failures);
    System.exit(failures == 0 ? 0 : 1);
  }

  private static ClipBatchComputer computer(String backend, FeatureParams params, GpuSettings settings,
                                            FeaturePipeline pipeline, GpuMemoryPool pool) {
    return ClipBatchComputer.create(SETTING, backend, params, DEFAULT_FEATURES, settings, pipeline::compute,
        GpuBackend.probe(), pool == null ? null : () -> pool);
  }

  private static void compareAll(String what, List<String> names, List<FeatureResult> want,
                                 List<FeatureResult> got) {
    check(want.size() == got.size(), what + ": clip count");
    double[] worst = new double[Feature.values().length];
    for (int i = 0; i < want.size(); i++) {
      for (Feature f : DEFAULT_FEATURES) {
        float[][] w = want.get(i).get(f).toArray();
        float[][] g = got.get(i).get(f).toArray();
        if (w.length != g.length || (w.length > 0 && w[0].length != g[0].length)) {
          check(false, what + " " + names.get(i) + " " + f + ": shape " + w.length + " vs " + g.length);
          continue;
        }
        double max = 0;
        double diff = 0;
        for (int t = 0; t < w.length; t++) {
          for (int b = 0; b < w[t].length; b++) {
            max = Math.max(max, Math.abs(w[t][b]));
            diff = Math.max(diff, Math.abs(w[t][b] - g[t][b]));
          }
        }
        double rel = f == Feature.LOG_MEL_SPECTROGRAM ? diff : diff / Math.max(max, Double.MIN_NORMAL);
        double tol = switch (f) {
          case LOG_MEL_SPECTROGRAM -> 2e-3;
          case MFCC, CHROMA -> 2e-5;
          default -> 1e-5;
        };
        worst[f.ordinal()] = Math.max(worst[f.ordinal()], rel);
        check(rel <= tol || max == 0 && diff == 0, String.format(Locale.ROOT, "%s %s %s: %.3g > %.0e", what,
            names.get(i), f.featureName(), rel, tol));
      }
    }
    StringBuilder sb = new StringBuilder("  " + what + " worst (rel to max|cpu|; log-mel dB):");
    for (Feature f : DEFAULT_FEATURES) {
      sb.append(String.format(Locale.ROOT, " %s %.2g", f.featureName(), worst[f.ordinal()]));
    }
    System.out.println(sb);
  }

  private static void check(boolean ok, String what) {
    checks++;
    if (!ok) {
      failures++;
      System.out.println("FAIL " + what);
    }
  }
}
