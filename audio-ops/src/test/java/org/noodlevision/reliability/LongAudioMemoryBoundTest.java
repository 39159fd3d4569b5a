package org.noodlevision.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Memory is bounded by configuration, not by clip length: a long 22.05 kHz WAV, written to disk by streaming,
 * gets MFCC and chroma (estimated tuning) through the re-openable streaming pipeline in a forked JVM with a small
 * heap, without OutOfMemoryError and with outputs of the exact expected size.
 *
 * <p>CI: 20 minutes of audio with {@code -Xmx64m}. The {@code reliability} profile ({@code -Preliability}) runs
 * 3 hours with {@code -Xmx512m} (system properties {@code noodlevision.longAudio.minutes} and
 * {@code noodlevision.longAudio.heap}).
 */
class LongAudioMemoryBoundTest {
  @TempDir
  Path dir;

  @Test
  void longWav_mfccAndChroma_inASmallHeap_withoutOutOfMemory() throws Exception {
    long minutes = Long.getLong("noodlevision.longAudio.minutes", 20);
    String heap = System.getProperty("noodlevision.longAudio.heap", "64m");
    long samples = minutes * 60 * LongWavWriter.SAMPLE_RATE;
    Path wav = LongWavWriter.write(dir.resolve("long-" + minutes + "min.wav"), samples);
    assertEquals(44 + 2 * samples, Files.size(wav));

    ForkedJvm.Result run = ForkedJvm.run(List.of("-Xmx" + heap, "-XX:+UseSerialGC"), LongAudioRun.class,
        List.of(wav.toString()), dir.resolve("run.log"), 30 * 60);
    String out = run.output();
    Files.deleteIfExists(wav);
    assertTrue(run.finished(), "forked run finished; output:\n" + tail(out));
    assertEquals(0, run.exitCode(), "forked run with -Xmx" + heap + " succeeded; output:\n" + tail(out));

    Map<String, String> r = result(out);
    FeatureParams params = FeatureParams.defaults();
    long frames = 1 + samples / params.hopLength(); // center=true
    assertEquals(String.valueOf(frames), r.get("frames"));
    assertEquals(String.valueOf(frames), r.get("mfccFrames"));
    assertEquals(String.valueOf(params.nMfcc()), r.get("mfccBins"));
    assertEquals(String.valueOf(frames), r.get("chromaFrames"));
    assertEquals(String.valueOf(params.nChroma()), r.get("chromaBins"));
    assertEquals("0", r.get("nonFinite"));
    double tuning = Double.parseDouble(r.get("tuning"));
    assertTrue(tuning >= -0.5 && tuning < 0.5, "tuning " + tuning);
    System.out.println("[long-audio] minutes=" + minutes + " heap=" + heap + " " + r);
    File record = new File(System.getProperty("noodlevision.longAudio.record", ""));
    if (record.getParentFile() != null && record.getParentFile().isDirectory()) {
      Files.writeString(record.toPath(), "minutes=" + minutes + " heap=" + heap + " " + r + "\n");
    }
  }

  private static Map<String, String> result(String out) {
    Map<String, String> m = new HashMap<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("RESULT ")) {
        for (String kv : line.substring(7).trim().split(" ")) {
          int eq = kv.indexOf('=');
          m.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
      }
    }
    assertTrue(!m.isEmpty(), "no RESULT line in:\n" + tail(out));
    return m;
  }

  private static String tail(String s) {
    return s.length() <= 4000 ? s : s.substring(s.length() - 4000);
  }
}
