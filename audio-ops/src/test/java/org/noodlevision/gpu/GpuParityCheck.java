package org.noodlevision.gpu;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.audio.io.NpyReader;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.memory.GpuMemoryPool;

/**
 * GPU output against librosa 0.11's reference arrays, with issue 2's tolerances, for every reference file; clips of
 * one sample rate go through the GPU as one batch. Shared by {@link GpuParityTest} and {@link GpuParityMain}.
 */
final class GpuParityCheck {
  private final Path refDir;
  private final PrintStream out;
  int checks;
  final List<String> failures = new ArrayList<>();
  /** When set, device memory comes from this (small) pool and CPU fallbacks are allowed and counted. */
  GpuMemoryPool pool;
  long outOfMemoryEvents;
  long splitRetries;
  long cpuFallbackClips;
  /** When true, clips longer than a launch stay long: they are computed in chunks (the long-clip path). */
  boolean chunkLongClips;
  /** When true, GPU results are also compared with the CPU engine's (FeaturePipeline) on the same input. */
  boolean compareWithCpu;

  GpuParityCheck(Path refDir, PrintStream out) {
    this.refDir = refDir;
    this.out = out;
  }

  /** Runs every check with the given settings; returns the number of failures. */
  int run(GpuSettings settings) throws IOException {
    FeatureParams.Precision precision = FeatureParams.Precision.FLOAT32;
    Map<Integer, Map<String, float[]>> bySr = new TreeMap<>();
    try (var files = Files.list(refDir.resolve("audio"))) {
      for (Path wav : files.sorted().toList()) {
        DecodedAudio w = AudioDecoders.decode(wav);
        String stem = wav.getFileName().toString().replace(".wav", "");
        bySr.computeIfAbsent(w.sampleRate(), k -> new LinkedHashMap<>()).put(stem, w.samples());
      }
    }
    Map<String, Double> tunings = manifestTunings();
    String tag = "[" + (settings.float64Fft() ? "float64" : "float32") + " fft, " + settings.maxFramesPerLaunch()
        + " frames/launch, " + settings.streams() + " streams]";
    out.println("== parity " + tag);
    Set<Feature> all = EnumSet.of(Feature.SPECTROGRAM, Feature.POWER_SPECTROGRAM, Feature.MEL_SPECTROGRAM,
        Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC, Feature.CHROMA);
    FeatureParams defaults = FeatureParams.defaults().toBuilder().precision(precision).build();
    FeatureParams tuning0 = defaults.toBuilder().nMfcc(13).tuning(0.0).build();
    FeatureParams g16k = defaults.toBuilder().nFft(512).hopLength(160).winLength(400).nMels(40).nMfcc(13).build();
    for (Map.Entry<Integer, Map<String, float[]>> e : bySr.entrySet()) {
      int sr = e.getKey();
      List<String> stems = new ArrayList<>(e.getValue().keySet());
      List<float[]> clips = new ArrayList<>(e.getValue().values());
      List<FeatureResult> r = compute(defaults, all, settings, clips, sr);
      List<FeatureResult> r0 = compute(tuning0, EnumSet.of(Feature.MFCC, Feature.CHROMA), settings, clips, sr);
      for (int i = 0; i < stems.size(); i++) {
        String s = stems.get(i);
        FeatureResult a = r.get(i);
        compare(s, "stft_mag", a.get(Feature.SPECTROGRAM), 1e-5, true);
        compare(s, "mel", a.get(Feature.MEL_SPECTROGRAM), 1e-5, true);
        compare(s, "mel_db", a.get(Feature.LOG_MEL_SPECTROGRAM), 2e-3, false);
        compare(s, "mfcc20", a.get(Feature.MFCC), 2e-5, true);
        compare(s, "chroma_tuning_est", a.get(Feature.CHROMA), 2e-5, true);
        compare(s, "mfcc13", r0.get(i).get(Feature.MFCC), 2e-5, true);
        compare(s, "chroma_tuning0", r0.get(i).get(Feature.CHROMA), 2e-5, true);
        checkPower(s, a);
        Double expected = tunings.get(s);
        checks++;
        boolean ok = expected != null && Math.abs(expected - a.tuning()) < 1e-9;
        out.printf(Locale.ROOT, "%-28s %-20s gpu=%.2f librosa=%s %s%n", s, "tuning", a.tuning(), expected,
            ok ? "PASS" : "FAIL");
        if (!ok) {
          failures.add(s + " tuning " + a.tuning() + " vs " + expected);
        }
      }
      if (sr == 16000) {
        List<FeatureResult> g = compute(g16k, EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM,
            Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC), settings, clips, sr);
        for (int i = 0; i < stems.size(); i++) {
          if (Files.exists(refDir.resolve("expected").resolve(stems.get(i)).resolve("g16k_mel.npy"))) {
            compare(stems.get(i), "g16k_stft_mag", g.get(i).get(Feature.SPECTROGRAM), 1e-5, true);
            compare(stems.get(i), "g16k_mel", g.get(i).get(Feature.MEL_SPECTROGRAM), 1e-5, true);
            compare(stems.get(i), "g16k_mel_db", g.get(i).get(Feature.LOG_MEL_SPECTROGRAM), 2e-3, false);
            compare(stems.get(i), "g16k_mfcc13", g.get(i).get(Feature.MFCC), 2e-5, true);
          }
        }
      }
    }
    if (pool != null) {
      out.printf(Locale.ROOT, "== small pool %s: outOfMemoryEvents=%d splitRetries=%d cpuFallbackClips=%d%n",
          pool.name(), outOfMemoryEvents, splitRetries, cpuFallbackClips);
    }
    out.printf(Locale.ROOT, "== parity %s: %d checks, %d failures%n", tag, checks, failures.size());
    return failures.size();
  }

  private List<FeatureResult> compute(FeatureParams p, Set<Feature> f, GpuSettings s, List<float[]> clips,
                                      int sr) {
    int longest = 0;
    for (int i = 0; i < clips.size(); i++) {
      longest = Math.max(longest, BatchLayout.numFrames(clips.get(i).length, p, i));
    }
    GpuSettings fit = chunkLongClips || longest <= s.maxFramesPerLaunch() ? s
        : new GpuSettings(longest, s.streams(), s.minGpuBatchSamples(), s.float64Fft());
    try (GpuFeatureExtractor x = pool == null ? GpuFeatureExtractor.create(p, f, fit)
        : GpuFeatureExtractor.create(p, f, fit, pool)) {
      List<FeatureResult> r = x.computeBatch(clips, sr);
      if (pool == null && x.counters().cpuFallbackClips() != 0) {
        throw new IllegalStateException("parity run fell back to the CPU: " + x.counters());
      }
      outOfMemoryEvents += x.counters().outOfMemoryEvents();
      splitRetries += x.counters().splitRetries();
      cpuFallbackClips += x.counters().cpuFallbackClips();
      if (compareWithCpu) {
        try (FeaturePipeline cpu = new FeaturePipeline(p, f)) {
          for (int i = 0; i < clips.size(); i++) {
            FeatureResult c = cpu.compute(clips.get(i), sr);
            for (Feature feature : f) {
              boolean db = feature == Feature.LOG_MEL_SPECTROGRAM;
              double tol = db ? 2e-3 : (feature == Feature.MFCC || feature == Feature.CHROMA ? 2e-5 : 1e-5);
              compareMatrices("clip" + i + "@" + sr + " n_fft=" + p.nFft(), "gpu-vs-cpu " + feature.featureName(),
                  r.get(i).get(feature), c.get(feature), tol, !db);
            }
            checks++;
            if (f.contains(Feature.CHROMA) && c.tuning() != r.get(i).tuning()) {
              failures.add("clip" + i + "@" + sr + " tuning gpu " + r.get(i).tuning() + " cpu " + c.tuning());
            }
          }
        }
      }
      return r;
    }
  }

  /** power_spectrogram must be the square of spectrogram (same STFT pass). */
  private void checkPower(String stem, FeatureResult a) {
    float[] m = a.get(Feature.SPECTROGRAM).data();
    float[] p = a.get(Feature.POWER_SPECTROGRAM).data();
    double worst = 0;
    for (int i = 0; i < m.length; i++) {
      worst = Math.max(worst, Math.abs(p[i] - m[i] * m[i]));
    }
    checks++;
    if (worst != 0) {
      failures.add(stem + " power_spectrogram != spectrogram^2 (" + worst + ")");
    }
  }

  private void compare(String stem, String name, FeatureMatrix got, double tol, boolean relative) throws IOException {
    Path file = refDir.resolve("expected").resolve(stem).resolve(name + ".npy");
    if (!Files.exists(file)) {
      return;
    }
    NpyReader.NpyArray ref = NpyReader.read(file);
    int bins = ref.rows();
    int frames = ref.cols();
    checks++;
    if (got.numBins() != bins || got.numFrames() != frames) {
      String msg = String.format(Locale.ROOT, "%s %s shape %dx%d, librosa %dx%d (frames x bins)", stem, name,
          got.numFrames(), got.numBins(), frames, bins);
      failures.add(msg);
      out.println(msg + " FAIL");
      return;
    }
    double maxRef = 0;
    double maxDiff = 0;
    for (int b = 0; b < bins; b++) {
      for (int t = 0; t < frames; t++) {
        double r = ref.get(b, t);
        maxRef = Math.max(maxRef, Math.abs(r));
        maxDiff = Math.max(maxDiff, Math.abs(got.get(t, b) - r));
      }
    }
    double bound = relative ? tol * maxRef : tol;
    boolean ok = maxDiff <= bound;
    out.printf(Locale.ROOT, "%-28s %-20s max|diff|=%.3e bound=%.3e (%.3f of bound) %s%n", stem, name, maxDiff,
        bound, bound > 0 ? maxDiff / bound : 0.0, ok ? "PASS" : "FAIL");
    if (!ok) {
      failures.add(stem + " " + name + " " + maxDiff + " > " + bound);
    }
  }

  private void compareMatrices(String what, String name, FeatureMatrix got, FeatureMatrix ref, double tol,
                               boolean relative) {
    checks++;
    if (got.numBins() != ref.numBins() || got.numFrames() != ref.numFrames()) {
      failures.add(what + " " + name + " shape differs");
      return;
    }
    double maxRef = 0;
    double maxDiff = 0;
    float[] a = got.data();
    float[] b = ref.data();
    for (int i = 0; i < a.length; i++) {
      maxRef = Math.max(maxRef, Math.abs(b[i]));
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    }
    double bound = relative ? tol * maxRef : tol;
    boolean ok = maxDiff <= bound;
    out.printf(Locale.ROOT, "%-28s %-32s max|diff|=%.3e bound=%.3e %s%n", what, name, maxDiff, bound,
        ok ? "PASS" : "FAIL");
    if (!ok) {
      failures.add(what + " " + name + " " + maxDiff + " > " + bound);
    }
  }

  /** stem -> librosa.estimate_tuning(S=power) value recorded in manifest.json (field tuning.chroma_internal). */
  private Map<String, Double> manifestTunings() throws IOException {
    String text = Files.readString(refDir.resolve("manifest.json"));
    Map<String, Double> m = new LinkedHashMap<>();
    Matcher stem = Pattern.compile("\"stem\": \"([^\"]+)\"").matcher(text);
    Pattern value = Pattern.compile("\"chroma_internal\": \\{[^{}]*?\"value\": (-?[0-9.eE+-]+)");
    while (stem.find()) {
      Matcher v = value.matcher(text);
      if (v.find(stem.end())) {
        m.put(stem.group(1), Double.parseDouble(v.group(1)));
      }
    }
    return m;
  }
}
