package org.noodlevision.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clip whose outputs do not fit in the JVM fails alone, with a typed error that names it and says what to change,
 * instead of an OutOfMemoryError that would end the executor and the job: in a forked JVM with a 48 MiB heap, all
 * five features of a 10-minute clip (about 135 MB of outputs) give a {@code FeatureMemoryException}, and the same
 * pipeline then computes a 5-second clip in full; decoding a 10-minute WAV into one array gives an
 * {@code AudioDecodeException} naming the file, and a short one then decodes.
 */
class OutputMemoryExhaustionTest {
  @TempDir
  Path dir;

  @Test
  void outputsLargerThanTheHeap_failTheClipAlone_withATypedError() throws Exception {
    String out = runWith48MiB("600");
    assertTrue(out.contains("RESULT long=FeatureMemoryException"), out);
    String message = out.lines().filter(l -> l.startsWith("MESSAGE ")).findFirst().orElse("");
    assertTrue(message.contains("tone-13230000-samples: "), "names the clip: " + message);
    assertTrue(message.contains("more memory than this JVM has") && message.contains("maxDurationSec"),
        "says what is wrong and what to change: " + message);
    // 5 s at hop 512, centred: 1 + 110250 / 512 frames, 1025 spectrogram values each
    assertTrue(out.contains("RESULT shortFrames=216 shortSpectrogramValues=" + 216 * 1025), out);
  }

  /** The same for decoding into one array: 10 minutes of samples (53 MB as float32) in a 48 MiB heap. */
  @Test
  void samplesLargerThanTheHeap_failTheFileAlone_withADecodeError() throws Exception {
    Path longWav = LongWavWriter.write(dir.resolve("ten-minutes.wav"), 600L * LongWavWriter.SAMPLE_RATE);
    Path shortWav = LongWavWriter.write(dir.resolve("one-second.wav"), LongWavWriter.SAMPLE_RATE);
    String out = runWith48MiB("decode", longWav.toString(), shortWav.toString());
    assertTrue(out.contains("RESULT decode=AudioDecodeException"), out);
    String message = out.lines().filter(l -> l.startsWith("MESSAGE ")).findFirst().orElse("");
    assertTrue(message.contains("ten-minutes.wav") && message.contains("more than this JVM's heap")
        && message.contains("maxDurationSec"), message);
    assertTrue(out.contains("RESULT afterDecode=" + LongWavWriter.SAMPLE_RATE), out);
  }

  /**
   * Outputs are allocated when a run starts (a WAV's length is verified); when the second does not fit, the first,
   * already in the pool, is freed: nothing stays in the pool after the failure, and the next clip computes.
   */
  @Test
  void anOutputThatDoesNotFit_freesTheOnesAllocatedBeforeIt() throws Exception {
    // 5 minutes: a 1025-bin output is 53 MB; the pool (80 MiB) holds one, the 48 MiB heap not the second
    Path longWav = LongWavWriter.write(dir.resolve("five-minutes.wav"), 300L * LongWavWriter.SAMPLE_RATE);
    Path shortWav = LongWavWriter.write(dir.resolve("two-seconds.wav"), 2L * LongWavWriter.SAMPLE_RATE);
    String out = runWith48MiB("pool", longWav.toString(), shortWav.toString());
    assertTrue(out.contains("RESULT pool=FeatureMemoryException"), out);
    assertTrue(out.contains("five-minutes.wav: "), "names the clip:\n" + out);
    assertTrue(out.contains("RESULT liveBytesAfterFailure=0 liveTensorsAfterFailure=0"), out);
    assertTrue(out.contains("RESULT shortFrames=87"), out);
  }

  private String runWith48MiB(String... args) throws Exception {
    // direct memory (the pool's Arrow buffers) is not bounded by the heap's size, as in an executor
    ForkedJvm.Result run = ForkedJvm.run(List.of("-Xmx48m", "-XX:MaxDirectMemorySize=512m", "-XX:+UseSerialGC",
        "--add-opens=java.base/java.nio=ALL-UNNAMED"), OutputMemoryRun.class, List.of(args),
        Files.createTempFile(dir, "run", ".log"), 5 * 60);
    String out = run.output();
    assertTrue(run.finished(), "forked run finished; output:\n" + out);
    assertEquals(0, run.exitCode(), "forked run; output:\n" + out);
    return out;
  }
}
