package org.noodlevision.audio.bench;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;

/**
 * One-thread timing of the audio-ops pipeline (no Spark):
 * {@code BenchMain --input FILE [--features LIST] [--repeat N] [--warmup N]}. Decodes the file, runs the pipeline
 * {@code warmup} times, then {@code repeat} times, and prints one JSON line:
 * {@code {"features": [...], "audio_seconds": ..., "median_seconds": ..., "seconds_per_audio_hour": ...,
 * "x_realtime": ..., "kernels": "simd" or "scalar"}} (simd when the JVM has {@code jdk.incubator.vector}).
 * {@code --synthetic-seconds S} replaces the file by S seconds of a generated 22.05 kHz signal.
 * Exit status 0 on success, 2 with a one-line reason on bad arguments or input.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    try {
      System.out.println(run(args));
    } catch (NoodleVisionException | IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Runs the benchmark and returns the JSON line. */
  public static String run(String[] args) {
    String input = null;
    double synthetic = -1;
    String features = null;
    int repeat = 5;
    int warmup = 2;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (i + 1 >= args.length) {
        throw new InvalidParameterException(a, "(missing value)", "--input FILE, --features LIST, --repeat N, "
            + "--warmup N, --synthetic-seconds S");
      }
      String v = args[++i];
      switch (a) {
        case "--input": input = v; break;
        case "--features": features = v; break;
        case "--repeat": repeat = positive("--repeat", v); break;
        case "--warmup": warmup = nonNegative("--warmup", v); break;
        case "--synthetic-seconds": synthetic = Double.parseDouble(v); break;
        default:
          throw new InvalidParameterException(a, v, "--input FILE, --features LIST, --repeat N, --warmup N, "
              + "--synthetic-seconds S");
      }
    }
    float[] samples;
    int sr;
    if (input != null) {
      DecodedAudio audio = AudioDecoders.decode(Paths.get(input));
      samples = audio.samples();
      sr = audio.sampleRate();
    } else if (synthetic > 0) {
      sr = 22050;
      samples = syntheticSignal((int) (synthetic * sr), sr);
    } else {
      throw new InvalidParameterException("--input", "(missing)", "an audio file (.wav, .flac)");
    }
    Set<Feature> set = parseFeatures(features);
    List<Double> times = new ArrayList<>();
    try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), set)) {
      for (int i = 0; i < warmup; i++) {
        p.compute(samples, sr);
      }
      for (int i = 0; i < repeat; i++) {
        long t0 = System.nanoTime();
        p.compute(samples, sr);
        times.add((System.nanoTime() - t0) / 1e9);
      }
    }
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    double audioSeconds = (double) samples.length / sr;
    String names = set.stream().map(f -> "\"" + f.featureName() + "\"").collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "{\"features\": [%s], \"audio_seconds\": %.3f, \"median_seconds\": %.6f, "
        + "\"seconds_per_audio_hour\": %.4f, \"x_realtime\": %.1f, \"kernels\": \"%s\"}", names, audioSeconds,
        median, median * 3600.0 / audioSeconds, audioSeconds / median,
        SimdKernels.available() == null ? "scalar" : "simd");
  }

  /** The default set: spectrogram, mel, log-mel, MFCC, chroma; or a comma-separated list of names. */
  static Set<Feature> parseFeatures(String list) {
    if (list == null || list.isBlank()) {
      return EnumSet.of(Feature.SPECTROGRAM, Feature.MEL_SPECTROGRAM, Feature.LOG_MEL_SPECTROGRAM, Feature.MFCC,
          Feature.CHROMA);
    }
    EnumSet<Feature> s = EnumSet.noneOf(Feature.class);
    Arrays.stream(list.split(",")).map(Feature::fromName).forEach(s::add);
    return s;
  }

  /** A deterministic music-like test signal: a few harmonic tones with vibrato and a little noise. */
  public static float[] syntheticSignal(int n, int sr) {
    float[] y = new float[n];
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < n; i++) {
      double t = (double) i / sr;
      double f = 220 * Math.pow(2, ((int) (t * 2) % 12) / 12.0) * (1 + 0.003 * Math.sin(2 * Math.PI * 5 * t));
      double v = 0;
      for (int h = 1; h <= 4; h++) {
        v += 0.2 / h * Math.sin(2 * Math.PI * f * h * t);
      }
      y[i] = (float) (v + 0.01 * rnd.nextGaussian());
    }
    return y;
  }

  private static int positive(String name, String v) {
    int n = nonNegative(name, v);
    if (n < 1) {
      throw new InvalidParameterException(name, v, "a positive integer");
    }
    return n;
  }

  private static int nonNegative(String name, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new InvalidParameterException(name, v, "an integer >= 0");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name, v, "an integer");
    }
  }
}
