package org.noodlevision.examples.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.apache.spark.sql.SparkSession;
import org.noodlevision.audio.bench.BenchMain;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.examples.ExtractJob;
import org.noodlevision.examples.extract.ExtractOptions;

/**
 * Issue 5's speed check: {@code extract} (decode, all default features, Parquet) in {@code local[T]} against the
 * audio-ops pipeline alone (decode + the same features, {@code T} plain Java threads, no Spark) over the same files.
 * Writes {@code --clips} WAV files of {@code --clip-seconds} of a synthetic 22.05 kHz signal (default 360 x 10 s =
 * one hour) under {@code --dir}, warms both up ({@code --warmup} rounds of engine and extract, default 12), then
 * alternates engine and extract runs {@code --repeat} times so both see the same machine load, and prints the
 * medians, the throughputs (audio seconds per wall second) and the ratio extract / engine for extract's default
 * (native) Parquet writer; then {@code --spark-writer-runs} (default 3) runs with Spark's writer
 * ({@code spark.noodlevision.extract.parquetWriter=spark}), after the others so as not to disturb their JIT state.
 * Extra arguments after {@code --} go to {@code extract} (e.g. {@code --format json}).
 *
 * <pre>
 * java ... org.noodlevision.examples.bench.ExtractThroughputBenchmark --dir /tmp/nv-bench --repeat 5
 * </pre>
 */
public final class ExtractThroughputBenchmark {
  private static final int SAMPLE_RATE = 22050;

  private ExtractThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Paths.get("/tmp/nv-extract-bench");
    int clips = 360;
    int clipSeconds = 10;
    int repeat = 5;
    int threads = 2;
    int warmup = 12;
    int sparkWriterRuns = 3;
    List<String> extraExtract = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--dir" -> dir = Paths.get(args[++i]);
        case "--clips" -> clips = Integer.parseInt(args[++i]);
        case "--clip-seconds" -> clipSeconds = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--spark-writer-runs" -> sparkWriterRuns = Integer.parseInt(args[++i]);
        case "--" -> {
          extraExtract.addAll(Arrays.asList(args).subList(i + 1, args.length));
          i = args.length;
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; allowed: --dir, --clips, "
            + "--clip-seconds, --repeat, --threads, --warmup, --spark-writer-runs, -- EXTRACT_ARGS");
      }
    }
    run(dir, clips, clipSeconds, repeat, threads, warmup, sparkWriterRuns, extraExtract, System.out);
  }

  static void run(Path dir, int clips, int clipSeconds, int repeat, int threads, int warmup, int sparkWriterRuns,
                  List<String> extraExtract, PrintStream out) throws Exception {
    Path input = dir.resolve("audio");
    List<Path> files = writeClips(input, clips, clipSeconds);
    double audioSeconds = (double) clips * clipSeconds;
    Path output = dir.resolve("out");
    List<String> extractArgs = new ArrayList<>(List.of("--input", input.toString(), "--output", output.toString(),
        "--overwrite", "--format", "parquet"));
    extractArgs.addAll(extraExtract);
    Set<Feature> features = EnumSet.copyOf(ExtractOptions.DEFAULT_FEATURES);
    out.printf(Locale.ROOT, "audio: %d files x %d s = %.0f s at %d Hz; features %s; %d threads / local[%d]%n",
        clips, clipSeconds, audioSeconds, SAMPLE_RATE, features, threads, threads);
    SparkSession spark = SparkSession.builder().appName("extract throughput benchmark")
        .master("local[" + threads + "]").config("spark.ui.enabled", "false")
        .config("spark.plugins", "org.noodlevision.spark.NoodleVisionPlugin").getOrCreate();
    List<String> sparkWriterArgs = new ArrayList<>(extractArgs);
    sparkWriterArgs.addAll(SPARK_WRITER);
    try {
      // Warm-up until steady: a job's per-file and per-task code (Spark's included) runs a few hundred times per
      // job, so C2 keeps compiling it through the first ten or so jobs, on the cores the tasks run on. Measured
      // (docs/benchmarks-spark.md): after 3 rounds extract still spent ~0.5 CPU s per job in the JIT compiler,
      // after 12 to 15 it was steady. A long job reaches that state within its first minutes; a 2 s job never does.
      for (int w = 0; w < warmup; w++) {
        engine(files, features, threads);
        extract(spark, extractArgs);
      }
      Measure[] engine = new Measure[repeat];
      Measure[] ours = new Measure[repeat];
      for (int r = 0; r < repeat; r++) {
        Measure start = Measure.now();
        engine(files, features, threads);
        engine[r] = Measure.now().minus(start);
        clearOutput(extractArgs);
        start = Measure.now();
        extract(spark, extractArgs);
        ours[r] = Measure.now().minus(start);
        out.printf(Locale.ROOT, "run %d: engine %s | extract %s | wall ratio %.2f, cpu ratio %.2f (load %s)%n", r + 1,
            engine[r], ours[r], engine[r].wall / ours[r].wall, engine[r].cpu / ours[r].cpu, loadAverage());
      }
      report(out, "engine alone (decode + features, " + threads + " threads)", engine, audioSeconds);
      report(out, "extract (local[" + threads + "], " + (extraExtract.isEmpty() ? "extract's Parquet settings"
          : String.join(" ", extraExtract)) + ")", ours, audioSeconds);
      out.printf(Locale.ROOT, "ratio extract / engine throughput: wall %.2f (median of per-run ratios %.2f), "
          + "process cpu %.2f%n", median(wall(engine)) / median(wall(ours)), median(ratios(wall(engine), wall(ours))),
          median(cpu(engine)) / median(cpu(ours)));
      // Spark's writer last: running it between the native runs slows those by ~30% (3.1 -> 4.2 CPU s per audio
      // hour): its job shares the feature code with another caller, and C2 recompiles that with mixed profiles.
      if (sparkWriterRuns > 0) {
        Measure[] sparkWriter = new Measure[sparkWriterRuns];
        extract(spark, sparkWriterArgs);
        for (int r = 0; r < sparkWriterRuns; r++) {
          clearOutput(sparkWriterArgs);
          Measure start = Measure.now();
          extract(spark, sparkWriterArgs);
          sparkWriter[r] = Measure.now().minus(start);
        }
        report(out, "extract with Spark's writer (" + SPARK_WRITER.get(1) + "), after the runs above", sparkWriter,
            audioSeconds);
        out.printf(Locale.ROOT, "ratio with Spark's writer (to the engine's median above): wall %.2f, process cpu "
            + "%.2f%n", median(wall(engine)) / median(wall(sparkWriter)),
            median(cpu(engine)) / median(cpu(sparkWriter)));
      }
      out.printf(Locale.ROOT, "output: %.1f MB of %s%n", directoryBytes(output) / 1e6, output);
    } finally {
      spark.stop();
    }
  }

  /**
   * The comparison run: Spark's DataFrameWriter with extract's settings for it (ParquetWriteSettings) instead of the
   * native writer. Spark's own Parquet defaults on top of it: {@code -- } then {@link #SPARK_PARQUET_DEFAULTS}.
   */
  static final List<String> SPARK_WRITER = List.of("--conf", "spark.noodlevision.extract.parquetWriter=spark");

  /** Spark's own Parquet settings, to compare with extract's (ParquetWriteSettings). */
  static final List<String> SPARK_PARQUET_DEFAULTS = List.of("--conf", "parquet.enable.dictionary=true", "--conf",
      "spark.sql.parquet.compression.codec=snappy", "--conf", "spark.sql.parquet.writeLegacyFormat=false");

  /** Wall seconds, process CPU seconds (all threads, GC included) and GC seconds of one run. */
  record Measure(double wall, double cpu, double gc) {
    static Measure now() {
      double gc = 0;
      for (java.lang.management.GarbageCollectorMXBean b
          : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
        gc += Math.max(0, b.getCollectionTime()) / 1e3;
      }
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      return new Measure(System.nanoTime() / 1e9, os.getProcessCpuTime() / 1e9, gc);
    }

    Measure minus(Measure start) {
      return new Measure(wall - start.wall, cpu - start.cpu, gc - start.gc);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.2f s wall, %.2f s cpu, %.2f s gc", wall, cpu, gc);
    }
  }

  private static void report(PrintStream out, String what, Measure[] m, double audioSeconds) {
    double w = median(wall(m));
    double c = median(cpu(m));
    out.printf(Locale.ROOT, "%s: median %.2f s wall = %.0f audio s/s; median %.2f cpu s = %.0f audio s per cpu s;"
        + " median gc %.2f s%n", what, w, audioSeconds / w, c, audioSeconds / c, median(gc(m)));
  }

  private static double[] wall(Measure[] m) {
    return java.util.Arrays.stream(m).mapToDouble(Measure::wall).toArray();
  }

  private static double[] cpu(Measure[] m) {
    return java.util.Arrays.stream(m).mapToDouble(Measure::cpu).toArray();
  }

  private static double[] gc(Measure[] m) {
    return java.util.Arrays.stream(m).mapToDouble(Measure::gc).toArray();
  }

  /** Decodes and computes every file on {@code threads} threads; returns the wall seconds. */
  static double engine(List<Path> files, Set<Feature> features, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    long start = System.nanoTime();
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(pool.submit(() -> {
          long frames = 0;
          try (FeaturePipeline pipeline = new FeaturePipeline(FeatureParams.defaults(), features)) {
            for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
              DecodedAudio audio = AudioDecoders.decode(files.get(i));
              FeatureResult r = pipeline.compute(audio.samples(), audio.sampleRate());
              frames += r.numFrames();
            }
          }
          return frames;
        }));
      }
      for (Future<Long> f : parts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Runs extract on the benchmark's session; settings its --conf put into the session are taken out again. */
  static double extract(SparkSession spark, List<String> args) {
    long start = System.nanoTime();
    int status = ExtractJob.run(args.toArray(new String[0]), new PrintStream(PrintStream.nullOutputStream()),
        System.err);
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals("--conf")) {
        spark.conf().unset(args.get(i + 1).substring(0, args.get(i + 1).indexOf('=')));
      }
    }
    if (status != 0) {
      throw new IllegalStateException("extract failed with status " + status);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * Deletes the previous run's output before the clock starts: with {@code --overwrite} extract's driver would delete
   * it first, and unlinking 825 MB of cached files took ~35 ms of the driver's time before the job could start
   * (perf), which is not extraction.
   */
  static void clearOutput(List<String> args) throws IOException {
    Path output = Paths.get(args.get(args.indexOf("--output") + 1));
    if (!Files.exists(output)) {
      return;
    }
    try (java.util.stream.Stream<Path> paths = Files.walk(output)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** 16-bit mono WAVs of the synthetic signal, each clip a different window of it (kept when already there). */
  static List<Path> writeClips(Path dir, int clips, int clipSeconds) throws IOException {
    Files.createDirectories(dir);
    int n = clipSeconds * SAMPLE_RATE;
    float[] signal = null;
    List<Path> files = new ArrayList<>();
    for (int c = 0; c < clips; c++) {
      Path f = dir.resolve(String.format(Locale.ROOT, "clip_%04d_%ds.wav", c, clipSeconds));
      files.add(f);
      if (Files.exists(f)) {
        continue;
      }
      if (signal == null) {
        signal = BenchMain.syntheticSignal(n + 60 * SAMPLE_RATE, SAMPLE_RATE);
      }
      int offset = (int) ((c * 7919L * 13) % (60L * SAMPLE_RATE));
      ByteBuffer pcm = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < n; i++) {
        pcm.putShort((short) Math.round(Math.max(-1f, Math.min(1f, signal[offset + i])) * 32767f));
      }
      AudioFormat format = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);
      try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, n)) {
        AudioSystem.write(in, AudioFileFormat.Type.WAVE, f.toFile());
      }
    }
    return files;
  }

  private static double[] ratios(double[] engine, double[] extract) {
    double[] r = new double[engine.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = engine[i] / extract[i];
    }
    return r;
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }

  private static long directoryBytes(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }
}
