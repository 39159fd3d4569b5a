package org.noodlevision.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.spark.ForkedJvm;

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
    Path log = Files.createTempFile("long-file-source", ".log"); // not in dir: the source reads every file there
    try {
      ForkedJvm.Result run = ForkedJvm.runOnTestClasspath(List.of("-Xmx512m"), LongFileSourceRun.class,
          List.of(dir.toString()), log, 300);
      String out = run.output();
      String tail = run.tail(4000);
      assertTrue(run.finished(), "the run finished; output:\n" + tail);
      assertEquals(0, run.exitCode(), "the application ended normally; output:\n" + tail);
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
