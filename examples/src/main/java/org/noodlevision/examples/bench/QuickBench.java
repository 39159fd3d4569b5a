package org.noodlevision.examples.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.bench.BenchMain;

/**
 * {@code noodlevision bench} without {@code --input}: the one-thread audio-ops benchmark ({@link BenchMain}) in a
 * quick mode over a few feature sets of a generated clip, printed as a table, with a progress line on stderr.
 * {@code bench --input FILE ...} goes straight to {@link BenchMain} (one JSON line). Timings on a shared machine
 * drift; the JMH suite (benchmarks/) is the reference.
 */
public final class QuickBench {
  static final String USAGE = String.join("\n",
      "Usage: noodlevision bench [--seconds S] [--repeat N]",
      "       noodlevision bench --input FILE [--features LIST] [--repeat N] [--warmup N]",
      "",
      "Times the feature pipeline (audio-ops, no Spark) on one thread after a warm-up.",
      "Without --input: a quick table over feature sets of a generated 22.05 kHz clip of S seconds (default 60),",
      "median of N runs (default 3). With --input: one JSON line for that file:",
      "  {\"features\": [...], \"audio_seconds\": ..., \"median_seconds\": ..., \"seconds_per_audio_hour\": ...,",
      "   \"x_realtime\": ...}");

  /** The feature sets of the quick table: all five from one STFT pass, then single features. */
  static final List<String> FEATURE_SETS = List.of(
      "spectrogram,mel_spectrogram,log_mel_spectrogram,mfcc,chroma", "mfcc", "spectrogram", "mel_spectrogram",
      "chroma");

  private static final Pattern NUMBER = Pattern.compile("\"%s\": ([0-9.eE+-]+)");

  private QuickBench() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the quick table; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String seconds = "60";
    String repeat = "3";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
      if (i + 1 < args.length && a.equals("--seconds")) {
        seconds = args[++i];
      } else if (i + 1 < args.length && a.equals("--repeat")) {
        repeat = args[++i];
      } else {
        err.println("bench: Invalid value for '" + a + "'. Allowed: --seconds S, --repeat N, --input FILE, --help.");
        return 2;
      }
    }
    List<String[]> rows = new ArrayList<>();
    boolean progress = System.console() != null; // a progress line only on a terminal
    try {
      for (int i = 0; i < FEATURE_SETS.size(); i++) {
        String set = FEATURE_SETS.get(i);
        if (progress) {
          err.printf(Locale.ROOT, "\rbench: [%d/%d] %-60s", i + 1, FEATURE_SETS.size(), set);
          err.flush();
        }
        String json = BenchMain.run(new String[] {"--synthetic-seconds", seconds, "--features", set, "--repeat",
            repeat, "--warmup", "1"});
        rows.add(new String[] {set.contains(",") ? "all five (one STFT pass)" : set,
            value(json, "audio_seconds"), value(json, "median_seconds"), value(json, "seconds_per_audio_hour"),
            value(json, "x_realtime")});
      }
    } catch (NoodleVisionException | IllegalArgumentException e) {
      err.println();
      err.println("bench: " + e.getMessage());
      return 2;
    }
    if (progress) {
      err.printf("\r%-80s\r", "");
    }
    out.printf(Locale.ROOT, "%-26s %10s %12s %16s %12s%n", "features", "audio s", "median s", "s / audio hour",
        "x realtime");
    for (String[] r : rows) {
      out.printf(Locale.ROOT, "%-26s %10s %12s %16s %12s%n", (Object[]) r);
    }
    out.println("(one thread, synthetic " + seconds + " s clip at 22050 Hz, median of " + repeat + " runs)");
    return 0;
  }

  private static String value(String json, String key) {
    Matcher m = Pattern.compile(String.format(NUMBER.pattern(), key)).matcher(json);
    return m.find() ? m.group(1) : "?";
  }
}
