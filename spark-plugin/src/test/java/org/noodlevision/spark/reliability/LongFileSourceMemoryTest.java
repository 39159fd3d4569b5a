package org.noodlevision.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One long file read through the {@code audio} source in a 512 MiB application: its 240 MB of samples decode, but
 * Spark's copy of them into a row does not fit beside them. Without the row limit the application died of an
 * OutOfMemoryError (a 3-hour WAV did the same to a 1.4 GB one); now the file gets an error row that says why and
 * what to do, and the short file beside it is read.
 */
class LongFileSourceMemoryTest {
  private static final long LONG_SAMPLES = 60_000_000L; // 45 minutes at 22.05 kHz: 120 MB of PCM16, 240 MB of floats

  @TempDir
  Path dir;

  @Test
  void aFileTooLongForOneRow_isAnErrorRow_notTheApplicationsEnd() throws Exception {
    TestWavFiles.writeLong(dir.resolve("long.wav"), LONG_SAMPLES);
    TestWavFiles.writeLong(dir.resolve("short.wav"), TestWavFiles.SAMPLE_RATE);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m"));
    for (String opt : System.getProperty("noodlevision.test.jvmOpens", "").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LongFileSourceRun.class.getName(),
        dir.toString()));
    Path log = Files.createTempFile("long-file-source", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      // a bound on waiting for a hung child, not a timing check
      boolean finished = p.waitFor(300, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      String tail = out.length() <= 4000 ? out : out.substring(out.length() - 4000);
      assertTrue(finished, "the run finished; output:\n" + tail);
      assertEquals(0, p.exitValue(), "the application ended normally; output:\n" + tail);
      String longRow = line(out, "ROW long.wav ");
      assertTrue(longRow.startsWith("ROW long.wav -1 ") && longRow.contains("spark.noodlevision.maxRowBytes")
          && longRow.contains("more than "), longRow);
      assertEquals("ROW short.wav " + TestWavFiles.SAMPLE_RATE + " null", line(out, "ROW short.wav "));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static String line(String out, String prefix) {
    for (String l : out.split("\n")) {
      if (l.startsWith(prefix)) {
        return l.strip();
      }
    }
    return "(no line " + prefix + ")";
  }
}
